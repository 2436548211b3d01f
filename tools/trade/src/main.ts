// `npm run -s trade -- <command> [options]`: trade on the platform from a terminal through the
// gateway's JSON-RPC WebSocket API (docs/ws-api.md). See `--help`.
import { parseCommandLine, USAGE, UsageError, type Invocation } from './args.ts';
import { runRequest, runWatch } from './commands.ts';
import { rpcErrorLine } from './format.ts';
import { ConnectionError, RpcClient, RpcError } from './rpc-client.ts';
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

  let client: RpcClient | undefined;
  try {
    const token = await resolveToken(options);
    client = await RpcClient.connect({ url: options.url, token });
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
    if (error instanceof RpcError) fail(rpcErrorLine(error.code, error.message, error.data));
    else if (error instanceof ConnectionError || error instanceof TokenError)
      fail(`error: ${error.message}`);
    else throw error;
    return EXIT_ERROR;
  } finally {
    await client?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
