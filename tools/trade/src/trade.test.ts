// The CLI as a process against the whole local platform: real gateway, OMS, sim-venue, SQS,
// DynamoDB Local, Redis and token issuer. Tokens are minted by the CLI itself (--account).
import { startLocalStack, type LocalStack } from '@perp/local-stack';
import { freePort, waitUntil } from '@perp/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newClientOrderId } from './args.ts';
import { runCli, startCli } from './test-support/cli.ts';

let stack: LocalStack;
let env: Record<string, string>;
beforeAll(async () => {
  stack = await startLocalStack();
  env = { ...stack.identityEnv, PERP_WS_URL: stack.wsUrl };
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const alice = (...args: string[]) => runCli([...args, '--account', 'alice'], env);

/** `open` until `check` holds: the open-orders index may lag a write by a moment. */
async function openOrdersUntil(check: (stdout: string) => boolean): Promise<string> {
  let stdout = '';
  // Out of time, the last listing goes back: the caller's assertion then says what was missing.
  await waitUntil(
    async () => {
      const run = await alice('open', '--symbol', 'BTC-PERP');
      expect(run).toMatchObject({ code: 0, stderr: '' });
      stdout = run.stdout;
      return check(stdout);
    },
    { timeoutMs: 10_000, intervalMs: 200 },
  ).catch(() => undefined);
  return stdout;
}

describe('trade CLI against the local stack', () => {
  it('account --json prints the account as the gateway sent it', async () => {
    const run = await alice('account', '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const account = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(account).toMatchObject({
      accountId: 'alice',
      collateral: '100000',
      availableMargin: '100000',
      tradingState: 'active',
    });
  });

  it('sim-price moves the sim-venue’s index and mark; an unknown symbol fails with its code', async () => {
    const venueUrl = stack.httpUrl('SIM_VENUE_PORT');
    const before = (await (await fetch(`${venueUrl}/v1/markets/ETH-PERP`)).json()) as {
      markPrice: string;
    };
    const run = await runCli(['sim-price', 'ETH-PERP', '2500', '--venue-url', venueUrl]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ETH-PERP index 2500 /);
    const after = (await (await fetch(`${venueUrl}/v1/markets/ETH-PERP`)).json()) as {
      markPrice: string;
    };
    // The walk goes on from 2500 (0.02 % a step at most).
    expect(Math.abs(Number(after.markPrice) - 2500)).toBeLessThan(5);
    const unknown = await runCli(['sim-price', 'DOGE-PERP', '1', '--venue-url', venueUrl]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error UNKNOWN_SYMBOL');
    // Back where it was, for the other tests.
    await runCli(['sim-price', 'ETH-PERP', before.markPrice, '--venue-url', venueUrl]);
  });

  it('account prints aligned key/value lines', async () => {
    const run = await alice('account');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^accountId\s+alice$/m);
    expect(run.stdout).toMatch(/^collateral\s+100000$/m);
  });

  it('places, lists and cancels a resting order', async () => {
    const id = newClientOrderId();
    const placed = await alice(
      'place',
      ...['--symbol', 'BTC-PERP', '--side', 'buy', '--type', 'limit'],
      ...['--price', '59000', '--quantity', '0.01', '--client-order-id', id],
    );
    expect(placed).toMatchObject({ code: 0, stderr: '' });
    expect(placed.stdout).toMatch(
      new RegExp(`^order submitted\\s+clientOrderId=${id}\\s+commandId=\\S+\\n$`),
    );

    const listed = await openOrdersUntil((out) => out.includes(id));
    const lines = listed.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ORDER ID\s+CLIENT ORDER ID\s+SYMBOL\s+SIDE\s+TYPE\s+TIF\s+PRICE/);
    const row = lines.find((line) => line.includes(id));
    expect(row).toMatch(/BTC-PERP\s+buy\s+limit\s+gtc\s+59000\s+0\.01\s+0\s+accepted$/);

    const json = await alice('open', '--json');
    const orders = JSON.parse(json.stdout) as { clientOrderId: string; price: unknown }[];
    expect(orders.find((o) => o.clientOrderId === id)?.price).toBe('59000');

    const canceled = await alice('cancel', '--client-order-id', id, '--symbol', 'BTC-PERP');
    expect(canceled).toMatchObject({ code: 0, stderr: '' });
    expect(canceled.stdout).toMatch(new RegExp(`^cancel pending_cancel\\s+clientOrderId=${id}`));
    expect(await openOrdersUntil((out) => !out.includes(id))).not.toContain(id);
  });

  it('place --wait prints the first execution report', async () => {
    const run = await alice(
      'place',
      ...['--symbol', 'BTC-PERP', '--side', 'sell', '--type', 'limit'],
      ...['--price', '61000', '--quantity', '0.002', '--post-only', '--wait'],
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(
      /^order accepted \(accepted\)\s+BTC-PERP sell limit\s+0\.002 @ 61000\s+filled 0\s+orderId=\S+\s+clientOrderId=cli-/,
    );
    const all = await alice('cancel-all', '--symbol', 'BTC-PERP');
    expect(all).toMatchObject({ code: 0, stderr: '' });
    expect(all.stdout).toMatch(/^cancel-all queued\s+commandId=\S+$/m);
  });

  it('watch prints one JSON document per notification until Ctrl-C', async () => {
    const watch = startCli(['watch', '--channels', 'orders', '--json', '--account', 'alice'], env);
    await watch.untilOutput('"snapshot":true', 10_000);
    const id = newClientOrderId();
    await alice(
      'place',
      ...['--symbol', 'BTC-PERP', '--side', 'buy', '--type', 'limit'],
      ...['--price', '58000', '--quantity', '0.001', '--client-order-id', id],
    );
    await watch.untilOutput(`"clientOrderId":"${id}","symbol"`, 10_000);
    expect(await watch.stop('SIGINT')).toBe(0);
    const documents = watch
      .stdout()
      .trimEnd()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { params: { channel: string; data: Record<string, unknown> } },
      );
    expect(documents[0]?.params).toMatchObject({ channel: 'orders', data: { snapshot: true } });
    expect(documents.map((d) => d.params.data['clientOrderId'])).toContain(id);
    await alice('cancel', '--client-order-id', id, '--symbol', 'BTC-PERP');
  });

  it('an unknown order is error 10005 on stderr, exit code 1', async () => {
    const run = await alice('cancel', '--order-id', 'no-such-order', '--symbol', 'BTC-PERP');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('error 10005: Unknown order\n');
  });

  it('invalid params print the error data', async () => {
    const run = await alice(
      'place',
      ...['--symbol', 'BTC-PERP', '--side', 'buy', '--type', 'limit'],
      ...['--price', 'abc', '--quantity', '0.01'],
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error -32602: Invalid params: price .*\{"field":"price"/);
  });

  it('bad arguments exit 2 with the usage', async () => {
    for (const args of [
      ['place', '--symbol', 'BTC-PERP', '--side', 'buy'],
      ['frobnicate'],
      ['open', '--price', '1'],
      ['cancel', '--symbol', 'BTC-PERP'],
      [],
    ]) {
      const run = await runCli(args, env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^trade: .+\n\nusage: npm run -s trade -- <command>/);
    }
  });

  it('a gateway that is not there is named in a clear message', async () => {
    const url = `ws://127.0.0.1:${await freePort()}/v1/ws`;
    const run = await runCli(['account', '--token', 'x'], { PERP_WS_URL: url });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: cannot connect to ${url}: connection refused (is the gateway running? npm start)\n`,
    );
  });

  it('a token the gateway does not trust is refused at the upgrade', async () => {
    const run = await runCli(['account', '--url', stack.wsUrl], { PERP_TOKEN: 'not-a-jwt' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: cannot connect to ${stack.wsUrl}: the token was not accepted (HTTP 401)\n`,
    );
  });
});
