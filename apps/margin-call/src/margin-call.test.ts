// The margin-call job against the real platform: the OMS and the notifier as processes, DynamoDB
// Local, fauxqs, Redis, the sim-venue (its index still unless a test moves it) and the Telegram
// stand-in behind the notifier.
import { Decimal } from '@perp/decimal';
import { listedInstrument, SEED_INSTRUMENTS } from '@perp/demo-seed';
import { waitFor } from '@perp/test-services';
import { identifierOf, type AccountId } from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarginCallJob } from './app.ts';
import { closeHandler, handler } from './lambda.ts';
import { startMarginCallPlatform, type MarginCallPlatform } from './test-support/platform.ts';

let platform: MarginCallPlatform;
let job: MarginCallJob;
const d = Decimal.parse;
const BTC = { symbol: 'BTC-PERP', entry: '60000' };

beforeAll(async () => {
  platform = await startMarginCallPlatform('margin-call-test');
  job = await platform.job();
}, 120_000);
afterAll(async () => {
  await closeHandler();
  await platform?.stop();
}, 60_000);

const messagesOf = (userId: number) =>
  platform.telegram.sentMessages(userId).filter((m) => m.text.includes('Margin'));

describe('warnings', () => {
  it('warns at exactly 80 % and not at 79.99 %, in the chat and on the events stream', async () => {
    // 1 BTC at 60 000: maintenance 3 000. Equity 3 750 is 80 %; 3 750.47 is 79.990 %.
    const carol = await platform.seedAccount('carol', '3750', { ...BTC, quantity: '1' });
    const dave = await platform.seedAccount('dave', '3750.47', { ...BTC, quantity: '1' });
    await platform.link(9001, carol);
    await platform.link(9002, dave);
    const summary = await job.run('warn', 'warn-test-1');
    expect(summary.scanned).toBeGreaterThanOrEqual(2);
    expect(summary.errors).toBe(0);
    const [message] = await platform.telegram
      .waitForMessages(9001, 2, 10_000)
      .then(() => messagesOf(9001));
    expect(message?.text).toContain('Margin warning: utilisation 80 %');
    expect(message?.text).toContain('deposit 0.01 USD or close 0.001 BTC-PERP (sell)');
    expect(messagesOf(9002)).toEqual([]);
    expect((await job.context.ledger.read(dave)).last).toBeUndefined();
    expect((await job.context.ledger.read(carol)).last?.level.toString()).toBe('0.8');

    const entries = (await job.context.redis.xrange(job.context.keys.events, '-', '+')) as [
      string,
      string[],
    ][];
    const alerts = entries
      .filter(([, fields]) => fields[1] === 'margin_alert')
      .map(
        ([, fields]) =>
          JSON.parse(fields[3] ?? '{}') as {
            accountId: string;
            type: string;
            data: { equity: string };
          },
      );
    expect(alerts.filter((a) => a.accountId === 'carol')).toEqual([
      expect.objectContaining({
        type: 'marginWarning',
        data: expect.objectContaining({ equity: '3750' }),
      }),
    ]);
    expect(alerts.some((a) => a.accountId === 'dave')).toBe(false);
  });

  it('a cool-down holds the next warning back; crossing into the 90 % band warns at once', async () => {
    // 10 ETH at 3 000: maintenance 1 500; equity 1 875 is 80 %.
    const erin = await platform.seedAccount('erin', '1875', {
      symbol: 'ETH-PERP',
      quantity: '10',
      entry: '3000',
    });
    await platform.link(9003, erin);
    await job.run('warn', 'warn-test-2a');
    await waitFor(() => (messagesOf(9003).length === 1 ? true : undefined), {
      timeoutMs: 10_000,
      what: 'the first warning',
    });

    const again = await job.run('warn', 'warn-test-2b');
    expect(again.cooledDown).toBeGreaterThanOrEqual(1);
    // ETH at 2 990: equity 1 775, maintenance 1 495: 84.2 %, still the 80 % band.
    await platform.moveIndex('ETH-PERP', '2990');
    await job.run('warn', 'warn-test-2c');
    // ETH at 2 975: equity 1 625, maintenance 1 487.5: 91.5 %.
    await platform.moveIndex('ETH-PERP', '2975');
    await job.run('warn', 'warn-test-2d');
    const messages = await waitFor(
      () => (messagesOf(9003).length >= 2 ? messagesOf(9003) : undefined),
      {
        timeoutMs: 10_000,
        what: 'the 90 % warning',
      },
    );
    expect(messages).toHaveLength(2);
    expect(messages[1]?.text).toContain('utilisation 91.5');
    expect((await job.context.ledger.read(erin)).last?.level.toString()).toBe('0.9');
  });

  it('with the notifier down the warning is kept, and delivered once when it is back', async () => {
    // 1 BTC, equity 3 600: 83.3 %.
    const ivan = await platform.seedAccount('ivan', '3600', { ...BTC, quantity: '1' });
    await platform.link(9004, ivan);
    const down = await platform.job({
      NOTIFIER_URL: 'http://127.0.0.1:1',
      NOTIFIER_TIMEOUT_MS: '500',
    });
    const failed = await down.run('warn', 'warn-test-3a');
    expect(failed.warningsPending).toBeGreaterThanOrEqual(1);
    expect(failed.errorDetails).toContainEqual(
      expect.objectContaining({ accountId: 'ivan', code: 'NOTIFIER_UNAVAILABLE' }),
    );
    const pending = (await job.context.ledger.read(ivan)).pending;
    expect(pending?.dedupeKey).toMatch(/^marginWarning:80:\d+$/);

    await job.run('warn', 'warn-test-3b');
    await job.run('warn', 'warn-test-3c');
    await waitFor(() => (messagesOf(9004).length === 1 ? true : undefined), {
      timeoutMs: 10_000,
      what: 'the kept warning',
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(messagesOf(9004)).toHaveLength(1);
    expect((await job.context.ledger.read(ivan)).pending).toBeUndefined();
  });

  it('an account whose mark the venue does not give is skipped and reported, never warned', async () => {
    // Listed in the config table, not at the sim-venue.
    const btc = SEED_INSTRUMENTS[0];
    if (btc === undefined) throw new Error('no seed instrument');
    await platform.services.config.putInstrument(
      listedInstrument({ ...btc, symbol: 'SOL-PERP', baseAsset: 'SOL' }),
    );
    const hank = await platform.seedAccount('hank', '1', {
      symbol: 'SOL-PERP',
      quantity: '1',
      entry: '150',
    });
    const summary = await job.run('warn', 'warn-test-4');
    expect(summary.skippedAccounts).toContainEqual(
      expect.objectContaining({ accountId: 'hank', reason: 'MARK_MISSING' }),
    );
    expect((await job.context.ledger.read(hank)).last).toBeUndefined();
    expect((await job.context.ledger.read(hank)).pending).toBeUndefined();
  });
});

describe('margin calls', () => {
  let maker: AccountId;
  beforeAll(async () => {
    // Liquidity the reduce orders can meet: a resting bid of 2 BTC at 59 500.
    maker = identifierOf('AccountId', 'maker');
    await platform.send(
      {
        commandId: 'mk-create',
        accountId: maker,
        actorAccountId: 'ops',
        type: 'admin.account.create',
        source: 'admin',
        payload: {},
      },
      {
        commandId: 'mk-deposit',
        accountId: maker,
        actorAccountId: 'ops',
        type: 'admin.deposit',
        source: 'admin',
        payload: { amount: '1000000' },
      },
      {
        commandId: 'mk-bid',
        accountId: maker,
        type: 'order.place',
        source: 'trader',
        payload: {
          clientOrderId: 'mk-bid',
          symbol: 'BTC-PERP',
          side: 'buy',
          type: 'limit',
          price: '59500',
          quantity: '2',
          timeInForce: 'gtc',
          postOnly: false,
          reduceOnly: false,
        },
      },
    );
    await waitFor(
      async () =>
        (await platform.services.store.listOpenOrders(maker)).some(
          (o) => o.value.status === 'accepted',
        )
          ? true
          : undefined,
      { timeoutMs: 15_000, what: 'the maker bid resting' },
    );
  }, 30_000);

  it('cancels open orders first, then reduces, and ends below the target; a rerun changes nothing', async () => {
    // 1 BTC, equity 2 500: 120 %. A resting reduce-only ask to be canceled.
    const frank = await platform.seedAccount('frank', '2500', { ...BTC, quantity: '1' });
    await platform.send({
      commandId: 'frank-ask',
      accountId: frank,
      type: 'order.place',
      source: 'trader',
      payload: {
        clientOrderId: 'frank-ask',
        symbol: 'BTC-PERP',
        side: 'sell',
        type: 'limit',
        price: '62000',
        quantity: '0.1',
        timeInForce: 'gtc',
        postOnly: false,
        reduceOnly: true,
      },
    });
    await waitFor(
      async () =>
        (await platform.services.store.listOpenOrders(frank)).length === 1 ? true : undefined,
      {
        timeoutMs: 15_000,
        what: "frank's ask resting",
      },
    );

    const summary = await job.run('execute', 'execute-test-1');
    const call = summary.calls.find((c) => c.accountId === 'frank');
    expect(call, JSON.stringify(summary)).toBeDefined();
    expect(call?.utilizationBefore).toBe('1.2');
    expect(call?.ordersCanceled).toBe(1);
    expect(call?.reduceOrders.length).toBeGreaterThanOrEqual(1);
    expect(call?.reduceOrders.every((o) => o.status === 'filled' || o.status === 'expired')).toBe(
      true,
    );
    expect(d(call?.utilizationAfter ?? '9').lt(d('0.8')), JSON.stringify(call)).toBe(true);
    expect(call?.unabsorbed).toEqual([]);
    const orders = await platform.services.store.listOrders(frank);
    const ask = orders.find((o) => o.clientOrderId === 'frank-ask');
    expect(ask?.status).toBe('canceled');
    expect(ask?.reason).toBe('MARGIN_CALL');
    // The cancel came first: every reduce order was created after the ask was canceled.
    const reduces = orders.filter((o) => o.clientOrderId.startsWith('mc'));
    expect(reduces.length).toBe(call?.reduceOrders.length);
    for (const reduce of reduces) {
      expect(reduce.reduceOnly).toBe(true);
      expect(reduce.timeInForce).toBe('ioc');
      expect(reduce.createdAt).toBeGreaterThanOrEqual(ask?.updatedAt ?? Infinity);
    }

    const rerun = await job.run('execute', 'execute-test-1');
    expect(rerun.calls.find((c) => c.accountId === 'frank')).toBeUndefined();
    expect(await platform.services.store.listOrders(frank)).toHaveLength(orders.length);
  }, 60_000);

  it('a reduce order the OMS denies is reported, with what stays to close', async () => {
    // Halted: cancels pass, orders do not (not even reducing ones).
    const jack = await platform.seedAccount('jack', '2500', { ...BTC, quantity: '1' });
    await platform.send({
      commandId: 'jack-halt',
      accountId: jack,
      actorAccountId: 'ops',
      type: 'admin.tradingState.set',
      source: 'admin',
      payload: { scope: 'account', target: jack, state: 'halted' },
    });
    await waitFor(
      async () =>
        (await platform.services.config.getTradingStates(jack, null)).account === 'halted'
          ? true
          : undefined,
      { timeoutMs: 15_000, what: "jack's trading halted" },
    );
    const summary = await job.run('execute', 'execute-test-3');
    const call = summary.calls.find((c) => c.accountId === 'jack');
    expect(call?.reduceOrders[0]).toMatchObject({ status: 'denied', reason: 'TRADING_HALTED' });
    expect(call?.utilizationAfter).toBe('1.2');
    expect(call?.unabsorbed).toEqual([{ symbol: 'BTC-PERP', quantity: '0.334' }]);
    expect(summary.errorDetails).toContainEqual(
      expect.objectContaining({ accountId: 'jack', code: 'REDUCE_ORDER_REFUSED' }),
    );
  }, 60_000);

  it('two runs at once do the work once', async () => {
    const gina = await platform.seedAccount('gina', '2400', { ...BTC, quantity: '1' });
    const [a, b] = await Promise.all([
      job.run('execute', 'execute-test-2a'),
      job.run('execute', 'execute-test-2b'),
    ]);
    const calls = [a, b].flatMap((s) => s.calls.filter((c) => c.accountId === 'gina'));
    expect(calls).toHaveLength(1);
    const orders = (await platform.services.store.listOrders(gina)).filter((o) =>
      o.clientOrderId.startsWith('mc'),
    );
    expect(orders).toHaveLength(calls[0]?.reduceOrders.length ?? -1);
  }, 60_000);
});

describe('the Lambda handler', () => {
  it('runs the schedules payloads: {} warns, {"executeMarginCall": true} executes', async () => {
    Object.assign(process.env, platform.env());
    const warn = await handler({});
    expect(warn.mode).toBe('warn');
    expect(warn.runId).toMatch(/^warn-\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    expect(warn.scanned).toBeGreaterThanOrEqual(1);
    const execute = await handler({ executeMarginCall: true });
    expect(execute.mode).toBe('execute');
    expect(execute.runId).toMatch(/^execute-\d{4}-\d{2}-\d{2}T00:00Z$/);
    for (const key of [
      'scanned',
      'atRisk',
      'warned',
      'called',
      'ordersCanceled',
      'reduceOrders',
      'skipped',
      'errors',
      'durationMs',
    ] as const)
      expect(typeof execute[key]).toBe('number');
  }, 60_000);
});
