import {
  CommandAck,
  JsonRpcErrorResponse,
  OrderCancelResult,
  OrderPlaceAck,
  commandDeduplicationId,
  orderRequestDigest,
  type CommandEnvelope,
  type CommandOf,
} from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import {
  DEFAULT_VENUE_ROUTE,
  createOrder,
  newOrderId,
  type AccountId,
  type ClientOrderId,
  type InstrumentSymbol,
} from '@perp/trading-domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startGatewayHarness,
  type GatewayHarness,
  type ReceivedCommand,
  type RunningGateway,
} from './test-support/gateway-harness.ts';
import type { RpcAnswer, RpcSocket } from '@perp/trader-client';

let h: GatewayHarness;
let gw: RunningGateway;
let alice: RpcSocket;

beforeAll(async () => {
  h = await startGatewayHarness();
  gw = await h.startGateway();
  await Promise.all(['alice', 'bob', 'ratey'].map((a) => h.createAccount(a)));
  alice = await h.connect(gw.url, 'alice');
}, 60_000);
afterAll(() => h?.dispose());
beforeEach(async () => {
  await h.takeCommands(0);
});

const codeOf = (answer: RpcAnswer) => JsonRpcErrorResponse.parse(answer).error.code;
let counter = 0;
const nextClientOrderId = () => `co-${Date.now()}-${(counter += 1)}`;

function limitParams(clientOrderId: string, overrides: Record<string, unknown> = {}) {
  return {
    clientOrderId,
    symbol: 'BTC-PERP',
    side: 'buy',
    type: 'limit',
    price: '59000.5',
    quantity: '0.125',
    ...overrides,
  };
}

function only(commands: ReceivedCommand[]): ReceivedCommand {
  expect(commands).toHaveLength(1);
  return commands[0] as ReceivedCommand;
}

function as<T extends CommandEnvelope['type']>(command: CommandEnvelope, type: T): CommandOf<T> {
  expect(command.type).toBe(type);
  return command as CommandOf<T>;
}

/** An order the OMS stored for `accountId`: the order and its claim, through the store. */
async function storedOrder(accountId: string, clientOrderId: string, digest = 'other') {
  const order = createOrder({
    orderId: newOrderId(Date.now()),
    clientOrderId: clientOrderId as ClientOrderId,
    accountId: accountId as AccountId,
    symbol: 'BTC-PERP' as InstrumentSymbol,
    side: 'buy',
    type: 'limit',
    timeInForce: 'gtc',
    price: Decimal.parse('59000'),
    quantity: Decimal.parse('0.1'),
    postOnly: false,
    reduceOnly: false,
    route: DEFAULT_VENUE_ROUTE,
    createdAt: Date.now(),
  });
  await h.commit({
    accountId: accountId as AccountId,
    orders: [{ value: order, expectedVersion: null }],
    claim: { clientOrderId: order.clientOrderId, orderId: order.orderId, requestDigest: digest },
  });
  return order;
}

describe('order.place', () => {
  it('acks only once orders.fifo has the envelope: contract-valid, group = account, dedup per contract', async () => {
    const clientOrderId = nextClientOrderId();
    const before = Date.now();
    const ack = OrderPlaceAck.parse(
      await alice.result('order.place', limitParams(clientOrderId, { postOnly: true })),
    );
    expect(ack).toEqual({
      clientOrderId,
      status: 'submitted',
      commandId: commandDeduplicationId('alice', clientOrderId),
    });
    const received = only(await h.takeCommands());
    expect(received.groupId).toBe('alice');
    expect(received.deduplicationId).toBe(commandDeduplicationId('alice', clientOrderId));
    const command = as(received.command, 'order.place');
    expect(command).toMatchObject({
      version: 1,
      commandId: ack.commandId,
      accountId: 'alice',
      source: 'trader',
      payload: {
        clientOrderId,
        symbol: 'BTC-PERP',
        side: 'buy',
        type: 'limit',
        price: '59000.5',
        quantity: '0.125',
        timeInForce: 'gtc',
        postOnly: true,
        reduceOnly: false,
      },
    });
    expect(command.payload).not.toHaveProperty('respType');
    expect(command.actorAccountId).toBeUndefined();
    expect(command.receivedAt).toBeGreaterThanOrEqual(before);
    expect(command.traceId.length).toBeGreaterThan(0);
  });

  it('queues a market order without a price', async () => {
    const clientOrderId = nextClientOrderId();
    await alice.result('order.place', {
      clientOrderId,
      symbol: 'ETH-PERP',
      side: 'sell',
      type: 'market',
      quantity: '1.5',
      timeInForce: 'ioc',
      reduceOnly: true,
    });
    const command = as(only(await h.takeCommands()).command, 'order.place');
    expect(command.payload).toEqual({
      clientOrderId,
      symbol: 'ETH-PERP',
      side: 'sell',
      type: 'market',
      quantity: '1.5',
      timeInForce: 'ioc',
      postOnly: false,
      reduceOnly: true,
    });
  });

  it('answers a retried order.place with the same ack, and it is one queue message', async () => {
    const clientOrderId = nextClientOrderId();
    const first = await alice.result('order.place', limitParams(clientOrderId));
    const second = await alice.result('order.place', limitParams(clientOrderId));
    const fromAnotherSocket = await h.connect(gw.url, 'alice');
    const third = await fromAnotherSocket.result('order.place', limitParams(clientOrderId));
    await fromAnotherSocket.close();
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(await h.takeCommands()).toHaveLength(1);
  });

  it('answers the same ack without queuing when the OMS has claimed the id with the same request', async () => {
    const clientOrderId = nextClientOrderId();
    const params = limitParams(clientOrderId);
    // What the OMS stored for this very request.
    const digest = orderRequestDigest({
      clientOrderId,
      symbol: 'BTC-PERP',
      side: 'buy',
      type: 'limit',
      price: '59000.5',
      quantity: '0.125',
      timeInForce: 'gtc',
      postOnly: false,
      reduceOnly: false,
    });
    await storedOrder('alice', clientOrderId, digest);
    const ack = OrderPlaceAck.parse(await alice.result('order.place', params));
    expect(ack.commandId).toBe(commandDeduplicationId('alice', clientOrderId));
    expect(await h.takeCommands()).toEqual([]);
  });

  it('answers 10006 for a used clientOrderId with other parameters, before and after the OMS claimed it', async () => {
    const queued = nextClientOrderId();
    await alice.result('order.place', limitParams(queued));
    expect(
      codeOf(await alice.request('order.place', limitParams(queued, { quantity: '0.5' }))),
    ).toBe(10006);
    const claimed = nextClientOrderId();
    await storedOrder('alice', claimed, 'digest-of-another-request');
    expect(codeOf(await alice.request('order.place', limitParams(claimed)))).toBe(10006);
    expect(await h.takeCommands()).toHaveLength(1);
  });

  it('answers 10004 for a symbol that is not listed', async () => {
    const answer = await alice.request(
      'order.place',
      limitParams(nextClientOrderId(), { symbol: 'DOGE-PERP' }),
    );
    expect(codeOf(answer)).toBe(10004);
    expect(await h.takeCommands()).toEqual([]);
  });

  it('refuses orders of a login without an account (10002), since the OMS would drop them', async () => {
    const stranger = await h.connect(gw.url, 'stranger');
    expect(codeOf(await stranger.request('order.place', limitParams(nextClientOrderId())))).toBe(
      10002,
    );
    await stranger.close();
    expect(await h.takeCommands()).toEqual([]);
  });

  it('answers 10007 when orders.fifo cannot take the command, and nothing is queued', async () => {
    const broken = await h.startGateway({
      ordersQueueUrl: `${h.sqs.endpoint}/000000000000/${h.prefix}missing.fifo`,
    });
    const client = await h.connect(broken.url, 'alice');
    const clientOrderId = nextClientOrderId();
    expect(codeOf(await client.request('order.place', limitParams(clientOrderId)))).toBe(10007);
    expect(codeOf(await client.request('order.cancelAll', {}))).toBe(10007);
    expect(
      codeOf(await client.request('order.cancel', { clientOrderId, symbol: 'BTC-PERP' })),
    ).toBe(10005);
    await client.close();
    // Nothing was queued, so the same request is safe to send again where the queue works.
    expect(await h.takeCommands()).toEqual([]);
    await alice.result('order.place', limitParams(clientOrderId));
    expect(await h.takeCommands()).toHaveLength(1);
  });
});

describe('order.cancel and order.cancelAll', () => {
  it('queues a cancel of a stored order by clientOrderId or orderId, acked pending_cancel', async () => {
    const order = await storedOrder('alice', nextClientOrderId());
    const byClientId = OrderCancelResult.parse(
      await alice.result('order.cancel', {
        clientOrderId: order.clientOrderId,
        symbol: 'BTC-PERP',
      }),
    );
    expect(byClientId).toMatchObject({
      clientOrderId: order.clientOrderId,
      status: 'pending_cancel',
    });
    const byOrderId = OrderCancelResult.parse(
      await alice.result('order.cancel', { orderId: order.orderId, symbol: 'BTC-PERP' }),
    );
    expect(byOrderId).toMatchObject({ orderId: order.orderId, status: 'pending_cancel' });
    expect(byOrderId).not.toHaveProperty('clientOrderId');

    const [first, second] = await h.takeCommands();
    expect(first?.groupId).toBe('alice');
    expect(first?.deduplicationId).toBe(byClientId.commandId);
    expect(as(first?.command as CommandEnvelope, 'order.cancel')).toMatchObject({
      commandId: byClientId.commandId,
      accountId: 'alice',
      source: 'trader',
      payload: { clientOrderId: order.clientOrderId, symbol: 'BTC-PERP', reason: 'USER_CANCELED' },
    });
    expect(as(second?.command as CommandEnvelope, 'order.cancel').payload).toEqual({
      orderId: order.orderId,
      symbol: 'BTC-PERP',
      reason: 'USER_CANCELED',
    });
  });

  it('cancels an order placed a moment ago, before the OMS stored it', async () => {
    const clientOrderId = nextClientOrderId();
    await alice.result('order.place', limitParams(clientOrderId));
    await alice.result('order.cancel', { clientOrderId, symbol: 'BTC-PERP' });
    const commands = await h.takeCommands();
    expect(commands.map((c) => c.command.type)).toEqual(['order.place', 'order.cancel']);
    expect(codeOf(await alice.request('order.cancel', { clientOrderId, symbol: 'ETH-PERP' }))).toBe(
      10005,
    );
  });

  it("answers 10005 for an unknown order and for another account's order, by either id", async () => {
    const bobs = await storedOrder('bob', nextClientOrderId());
    const cases = [
      { clientOrderId: 'never-placed', symbol: 'BTC-PERP' },
      { orderId: '1700000000000abcdefghij', symbol: 'BTC-PERP' },
      { clientOrderId: bobs.clientOrderId, symbol: 'BTC-PERP' },
      { orderId: bobs.orderId, symbol: 'BTC-PERP' },
    ];
    for (const params of cases)
      expect(codeOf(await alice.request('order.cancel', params))).toBe(10005);
    // Bob can.
    const bob = await h.connect(gw.url, 'bob');
    await bob.result('order.cancel', { orderId: bobs.orderId, symbol: 'BTC-PERP' });
    await bob.close();
    const commands = await h.takeCommands();
    expect(commands.map((c) => [c.groupId, c.command.type])).toEqual([['bob', 'order.cancel']]);
  });

  it('queues order.cancelAll for the account or one symbol, acked with the commandId', async () => {
    const all = CommandAck.parse(await alice.result('order.cancelAll'));
    const eth = CommandAck.parse(await alice.result('order.cancelAll', { symbol: 'ETH-PERP' }));
    expect(codeOf(await alice.request('order.cancelAll', { symbol: 'NOPE-PERP' }))).toBe(10004);
    const [first, second] = await h.takeCommands();
    expect(as(first?.command as CommandEnvelope, 'order.cancelAll')).toMatchObject({
      commandId: all.commandId,
      accountId: 'alice',
      payload: { reason: 'USER_CANCELED' },
    });
    expect(first?.command.payload).not.toHaveProperty('symbol');
    expect(as(second?.command as CommandEnvelope, 'order.cancelAll')).toMatchObject({
      commandId: eth.commandId,
      payload: { symbol: 'ETH-PERP', reason: 'USER_CANCELED' },
    });
  });
});

describe('admin methods', () => {
  it('a deposit with a depositId is one command however often it is sent', async () => {
    const operator = await h.connect(gw.url, 'ops-2', ['operator']);
    const params = { accountId: 'saver', amount: '100', depositId: 'wire-2026-11-23-1' };
    const first = CommandAck.parse(await operator.result('admin.deposit', params));
    const retry = CommandAck.parse(await operator.result('admin.deposit', params));
    expect(first.commandId).toBe('admin.deposit:saver:wire-2026-11-23-1');
    expect(retry.commandId).toBe(first.commandId);
    const other = CommandAck.parse(
      await operator.result('admin.deposit', { ...params, depositId: 'wire-2026-11-23-2' }),
    );
    const bad = JsonRpcErrorResponse.parse(
      await operator.request('admin.deposit', { ...params, depositId: 'not valid!' }),
    );
    expect(bad.error).toMatchObject({ code: -32602, data: { field: 'depositId' } });
    await operator.close();

    // SQS drops the retry (same deduplication id); the OMS's command record would refuse it too.
    const commands = (await h.takeCommands(500)).filter((c) => c.command.accountId === 'saver');
    expect(commands.map((c) => c.command.commandId)).toEqual([first.commandId, other.commandId]);
    expect(commands[0]?.command).toMatchObject({
      type: 'admin.deposit',
      payload: { amount: '100' },
    });
  });

  it('queue admin commands with the operator as actor, in the group the contract names', async () => {
    const operator = await h.connect(gw.url, 'ops-1', ['operator']);
    const created = CommandAck.parse(
      await operator.result('admin.account.create', { accountId: 'newbie' }),
    );
    const deposit = CommandAck.parse(
      await operator.result('admin.deposit', { accountId: 'newbie', amount: '2500.75' }),
    );
    const haltAccount = CommandAck.parse(
      await operator.result('admin.tradingState.set', {
        scope: 'account',
        target: 'newbie',
        state: 'reducing',
      }),
    );
    const haltSymbol = CommandAck.parse(
      await operator.result('admin.tradingState.set', {
        scope: 'symbol',
        target: 'ETH-PERP',
        state: 'halted',
      }),
    );
    const global = CommandAck.parse(
      await operator.result('admin.tradingState.set', { scope: 'global', state: 'active' }),
    );
    expect(
      codeOf(
        await operator.request('admin.tradingState.set', {
          scope: 'symbol',
          target: 'NOPE-PERP',
          state: 'halted',
        }),
      ),
    ).toBe(10004);
    const invalid = JsonRpcErrorResponse.parse(
      await operator.request('admin.tradingState.set', {
        scope: 'global',
        target: 'x',
        state: 'halted',
      }),
    );
    expect(invalid.error).toMatchObject({ code: -32602, data: { field: 'target' } });
    await operator.close();

    const commands = await h.takeCommands(500);
    const byId = new Map<string, ReceivedCommand>(commands.map((c) => [c.command.commandId, c]));
    const expectCommand = (commandId: string, groupId: string, fields: object) => {
      const found = byId.get(commandId);
      expect(found?.groupId).toBe(groupId);
      expect(found?.deduplicationId).toBe(commandId);
      expect(found?.command).toMatchObject({ source: 'admin', actorAccountId: 'ops-1', ...fields });
    };
    expectCommand(created.commandId, 'newbie', {
      type: 'admin.account.create',
      accountId: 'newbie',
      payload: {},
    });
    expectCommand(deposit.commandId, 'newbie', {
      type: 'admin.deposit',
      accountId: 'newbie',
      payload: { amount: '2500.75' },
    });
    expectCommand(haltAccount.commandId, 'newbie', {
      type: 'admin.tradingState.set',
      accountId: 'newbie',
      payload: { scope: 'account', target: 'newbie', state: 'reducing' },
    });
    expectCommand(haltSymbol.commandId, 'ops-1', {
      type: 'admin.tradingState.set',
      accountId: 'ops-1',
      payload: { scope: 'symbol', target: 'ETH-PERP', state: 'halted' },
    });
    expectCommand(global.commandId, 'ops-1', {
      type: 'admin.tradingState.set',
      accountId: 'ops-1',
      payload: { scope: 'global', state: 'active' },
    });
    expect(commands).toHaveLength(5);
  });
});

describe('order rate limit per account', () => {
  it('answers 10003 with retryAfterMs past the account limit, shared by its sockets and replicas', async () => {
    const limits = { accountOrdersPerSecond: 1, accountOrderBurst: 3 };
    const a = await h.startGateway({ limits });
    const b = await h.startGateway({ limits });
    const first = await h.connect(a.url, 'ratey');
    const second = await h.connect(b.url, 'ratey');
    const answers = [
      await first.request('order.cancelAll'),
      await second.request('order.cancelAll'),
      await first.request('order.cancelAll'),
      await second.request('order.cancelAll'),
    ];
    expect(answers.slice(0, 3).map((x) => x.error)).toEqual([undefined, undefined, undefined]);
    const limited = JsonRpcErrorResponse.parse(answers[3]);
    expect(limited.error.code).toBe(10003);
    const { retryAfterMs } = limited.error.data as { retryAfterMs: number };
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(1_000);
    // Queries do not count; another account is not affected.
    expect((await second.request('orders.open', {})).error).toBeUndefined();
    const other = await h.connect(a.url, 'bob');
    expect((await other.request('order.cancelAll')).error).toBeUndefined();
    await new Promise((r) => setTimeout(r, retryAfterMs + 50));
    expect((await first.request('order.cancelAll')).error).toBeUndefined();
    await Promise.all([first.close(), second.close(), other.close()]);
    expect(await h.takeCommands(500)).toHaveLength(5);
  });

  it('gives an account in RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES its own burst; others keep the default', async () => {
    // The gateway as it runs (main.ts): the variable is read and wired, not just the limiter.
    const service = await h.startGatewayProcess({
      RATE_LIMIT_ACCOUNT_ORDERS_PER_SECOND: '1',
      RATE_LIMIT_ACCOUNT_ORDERS_BURST: '3',
      RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES: 'desk-x=1:5, fast-mm=1:8',
    });
    const url = `${service.url.replace(/^http:/, 'ws:')}/v1/ws`;
    await Promise.all([h.createAccount('fast-mm'), h.createAccount('plain-acct')]);
    const fast = await h.connect(url, 'fast-mm');
    const plain = await h.connect(url, 'plain-acct');
    /** Of 12 order requests sent at once, how many pass; every other one must be 10003. */
    const allowed = async (socket: RpcSocket) => {
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => socket.request('order.cancelAll')),
      );
      const limited = answers.filter((answer) => answer.error);
      for (const answer of limited) {
        expect(codeOf(answer)).toBe(10003);
        const { retryAfterMs } = JsonRpcErrorResponse.parse(answer).error.data as {
          retryAfterMs: number;
        };
        expect(retryAfterMs).toBeGreaterThan(0);
      }
      return answers.length - limited.length;
    };
    try {
      // At 1 token a second, the 12 requests' few milliseconds refill none.
      expect(await allowed(fast)).toBe(8);
      expect(await allowed(plain)).toBe(3);
      expect(await h.takeCommands(500)).toHaveLength(11);
    } finally {
      await Promise.all([fast.close(), plain.close()]);
      await service.stop();
    }
  });
});
