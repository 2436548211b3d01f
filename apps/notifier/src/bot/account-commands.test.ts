import { InstrumentCatalog, SimMarketData, type AccountReaders } from '@perp/account-views';
import { Decimal } from '@perp/decimal';
import {
  commitSeed,
  startBackingServices,
  type BackingServices,
  type SeedChange,
} from '@perp/local-stack';
import {
  DEFAULT_VENUE_ROUTE,
  createOrder,
  newOrderId,
  type AccountId,
  type ClientOrderId,
  type InstrumentSymbol,
  type TradeId,
} from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotifierHarness, type NotifierHarness } from '../test-support/harness.ts';

const d = Decimal.parse;
const BTC = 'BTC-PERP' as InstrumentSymbol;
const ACCOUNT = 'acct-views' as AccountId;
let services: BackingServices;
let h: NotifierHarness;

const commit = (change: SeedChange) => commitSeed(services.store, change);

beforeAll(async () => {
  services = await startBackingServices({ name: 'notifier-test' });
  const accounts: AccountReaders = {
    store: services.store,
    config: services.config,
    instruments: new InstrumentCatalog({ config: services.config, clock: Date.now }),
    market: new SimMarketData({ baseUrl: services.simVenue.url, timeoutMs: 2_000 }),
    clock: Date.now,
  };
  h = await startNotifierHarness({ accounts, rateLimits: false });
  const now = Date.now();
  await commit({
    accountId: ACCOUNT,
    balance: {
      value: { accountId: ACCOUNT, collateral: d('10000'), seq: 0, createdAt: now, updatedAt: now },
      expectedVersion: null,
    },
  });
  const order = createOrder({
    orderId: newOrderId(now),
    clientOrderId: 'rest-1' as ClientOrderId,
    accountId: ACCOUNT,
    symbol: BTC,
    side: 'buy',
    type: 'limit',
    timeInForce: 'gtc',
    price: d('50000'),
    quantity: d('0.1'),
    postOnly: false,
    reduceOnly: false,
    route: DEFAULT_VENUE_ROUTE,
    createdAt: now,
  });
  await commit({
    accountId: ACCOUNT,
    orders: [{ value: { ...order, status: 'accepted' }, expectedVersion: null }],
    claim: { clientOrderId: order.clientOrderId, orderId: order.orderId, requestDigest: 'seeded' },
  });
  await commit({
    accountId: ACCOUNT,
    fill: {
      accountId: ACCOUNT,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      symbol: BTC,
      side: 'buy',
      tradeId: 't-views-1' as TradeId,
      price: d('58000'),
      quantity: d('0.5'),
      fee: d('14.5'),
      liquidity: 'taker',
      realizedPnl: Decimal.ZERO,
      ts: Date.UTC(2026, 11, 7, 9, 30, 0),
    },
  });
  await commit({
    accountId: ACCOUNT,
    position: {
      value: {
        accountId: ACCOUNT,
        symbol: BTC,
        quantity: d('0.5'),
        costBasis: d('29000'),
        realizedPnl: Decimal.ZERO,
        fees: d('-14.5'),
      },
      expectedVersion: null,
    },
  });
  await h.link(5001, ACCOUNT);
}, 90_000);
afterAll(async () => {
  await h?.stop();
  await services?.dispose();
});

async function ask(userId: number, text: string): Promise<string> {
  const before = h.telegram.sentMessages(userId).length;
  h.telegram.userSays({ userId, text });
  const replies = await h.telegram.waitForMessages(userId, before + 1, 10_000);
  return replies[before]?.text ?? '';
}

describe('/status, /positions, /orders, /fills', () => {
  it('/status: equity, available margin, utilisation and trading state, as account.get reads them', async () => {
    const text = await ask(5001, '/status');
    expect(text).toMatch(
      /^acct-views\nEquity [\d.]+ USD \(collateral 10000, unrealised PnL -?[\d.]+\)\n/,
    );
    expect(text).toMatch(/Available margin -?[\d.]+ USD · utilisation [\d.]+ %/);
    expect(text).toContain('Trading: active');
  });

  it('/positions: side, size, entry, mark and unrealised PnL', async () => {
    expect(await ask(5001, '/positions')).toMatch(
      /^acct-views\nBTC-PERP long 0.5 @ 58000 · mark [\d.]+ · uPnL -?[\d.]+ USD$/,
    );
  });

  it('/orders: the open orders', async () => {
    expect(await ask(5001, '/orders')).toBe(
      'acct-views\nBUY 0.1 BTC-PERP limit @ 50000 · filled 0 · rest-1',
    );
  });

  it('/fills: the last fills with fee, liquidity and time', async () => {
    expect(await ask(5001, '/fills')).toBe(
      'acct-views\nBUY 0.5 BTC-PERP @ 58000 · fee 14.5 USD · taker · 2026-12-07 09:30:00 UTC',
    );
  });

  it('an unlinked chat is told how to link; an account that does not exist says so', async () => {
    expect(await ask(5002, '/status')).toContain('No account is linked');
    await h.link(5003, 'acct-ghost');
    expect(await ask(5003, '/status')).toBe('acct-ghost: no such account');
    expect(await ask(5003, '/orders')).toBe('acct-ghost: no open order');
  });
});
