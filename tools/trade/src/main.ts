// `npm run -s trade -- <command> [options]`: trade on the platform from a terminal through the
// gateway's JSON-RPC WebSocket API (docs/ws-api.md). See `--help`.
import { parseCommandLine, USAGE, UsageError, type Invocation } from './args.ts';
import { runRequest, runWatch } from './commands.ts';
import { rpcErrorLine } from './format.ts';
import { ConnectionError, DEFAULT_RECONNECT, RpcError, TraderClient } from '@perp/trader-client';
import { moveSimIndex } from './sim-price.ts';
import { resolveToken, TokenError } from './token.ts';

const EXIT_ERROR = 1;
const EXIT_USAGE = 2;

const print = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: readonly string[]): Promise<number> {
  let invocation: Invocation;
  try {
    invocation = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    fail(`trade: ${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { command, options } = invocation;
  if (command.name === 'help') {
    print(USAGE);
    return 0;
  }
  if (command.name === 'sim-price') {
    const outcome = await moveSimIndex(command.venueUrl, command.symbol, command.price);
    if (!outcome.ok) {
      fail(outcome.line);
      return EXIT_ERROR;
    }
    print(
      options.json
        ? JSON.stringify({ symbol: outcome.symbol, indexPrice: outcome.indexPrice })
        : `${outcome.symbol} index ${outcome.indexPrice} (the mark follows; the walk goes on from there)`,
    );
    return 0;
  }

  let client: TraderClient | undefined;
  try {
    const token = await resolveToken(options);
    // A request is one exchange: no reconnect. `watch` follows a gateway restart, resuming orders
    // after the last report it printed.
    client = await TraderClient.connect({
      url: options.url,
      token,
      reconnect: command.name === 'watch' ? DEFAULT_RECONNECT : false,
    });
    if (command.name === 'watch') {
      client.on('reconnecting', (attempt, delayMs) =>
        fail(`connection lost; reconnecting in ${delayMs} ms (attempt ${attempt})`),
      );
      client.on('reconnected', () => fail('reconnected'));
    }
    if (command.name !== 'watch') {
      await runRequest(client, command, options.json, print);
      return 0;
    }
    const stop = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    const ended = await runWatch(client, command, options.json, print, stop);
    if (ended === 'closed') {
      const { code, reason } = await client.closed;
      fail(`error: the gateway closed the connection (${code}${reason ? ` ${reason}` : ''})`);
      return EXIT_ERROR;
    }
    return 0;
  } catch (error) {
    if (error instanceof RpcError) fail(rpcErrorLine(error.code, error.body.message, error.data));
    else if (error instanceof ConnectionError || error instanceof TokenError)
      fail(`error: ${error.message}`);
    else throw error;
    return EXIT_ERROR;
  } finally {
    await client?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
