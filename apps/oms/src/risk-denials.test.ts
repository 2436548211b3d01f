import { defined } from '@perp/test-services';
import type { ExecutionReport } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import {
  defineInstrument,
  type AccountId,
  type AssetCode,
  type InstrumentSymbol,
} from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeCommand, tradingStateCommand, type PlaceFields } from './test-support/commands.ts';
import { startOmsHarness, type OmsHarness } from './test-support/oms-harness.ts';

let h: OmsHarness;
let accounts = 0;

beforeAll(async () => {
  h = await startOmsHarness();
  // Listed but halted: orders are denied before any price is needed.
  await h.config.putInstrument(
    defineInstrument({
      symbol: 'XRP-PERP' as InstrumentSymbol,
      baseAsset: 'XRP' as AssetCode,
      quoteAsset: 'USD' as AssetCode,
      tickSize: Decimal.parse('0.0001'),
      lotSize: Decimal.parse('1'),
      minQuantity: Decimal.parse('1'),
      maxQuantity: Decimal.parse('1000000'),
      maxNotional: Decimal.parse('1000000'),
      initialMarginRate: Decimal.parse('0.1'),
      maintenanceMarginRate: Decimal.parse('0.05'),
      priceBandRate: Decimal.parse('0.05'),
      status: 'halted',
    }),
  );
  await h.startOms();
  await h.fundAccounts('100000', 'maker');
  // A resting ask at 60 010 for the post-only case.
  await h.send(placeCommand('maker', { side: 'sell', price: '60010', quantity: '1' }));
  await h.waitForReports('maker', 1);
}, 60_000);
afterAll(() => h?.dispose());

/** A fresh account with `collateral`, so one case's orders never affect another's. */
async function freshAccount(collateral = '100000'): Promise<string> {
  accounts += 1;
  const accountId = `risk${accounts}`;
  await h.fundAccounts(collateral, accountId);
  return accountId;
}

async function placeAndReport(accountId: string, fields: PlaceFields): Promise<ExecutionReport> {
  const before = (await h.reports(accountId)).length;
  await h.send(placeCommand(accountId, fields));
  const reports = await h.waitForReports(accountId, before + 1);
  return defined(reports[before], `report ${before + 1} of ${accountId}`);
}

async function expectDenied(accountId: string, fields: PlaceFields, reason: string) {
  const report = await placeAndReport(accountId, fields);
  expect(report).toMatchObject({ execType: 'denied', status: 'denied', reason });
  expect(report.filledQuantity).toBe('0');
  // a denied order never reaches the venue and holds no margin
  const stored = await h.store.getOrderByClientOrderId(
    accountId as AccountId,
    report.clientOrderId as never,
  );
  expect(stored?.value.status).toBe('denied');
  expect(stored?.value.venueOrderId ?? null).toBeNull();
  expect(
    (await h.store.listOpenOrders(accountId as AccountId)).filter(
      (o) => o.value.orderId === report.orderId,
    ),
  ).toEqual([]);
  return report;
}

const buy = (price: string, quantity: string, extra: Partial<PlaceFields> = {}): PlaceFields => ({
  side: 'buy',
  price,
  quantity,
  ...extra,
});

describe('pre-trade risk: each reason denies the order with a report', () => {
  it('UNKNOWN_SYMBOL', async () => {
    await expectDenied(
      await freshAccount(),
      buy('1', '1', { symbol: 'DOGE-PERP' }),
      'UNKNOWN_SYMBOL',
    );
  });
  it('INSTRUMENT_NOT_TRADING', async () => {
    await expectDenied(
      await freshAccount(),
      buy('0.5', '10', { symbol: 'XRP-PERP' }),
      'INSTRUMENT_NOT_TRADING',
    );
  });
  it('TICK_SIZE', async () => {
    await expectDenied(await freshAccount(), buy('59000.25', '0.01'), 'TICK_SIZE');
  });
  it('LOT_SIZE', async () => {
    await expectDenied(await freshAccount(), buy('59000', '0.0105'), 'LOT_SIZE');
  });
  it('MIN_QUANTITY', async () => {
    // ETH-PERP: lot 0.01, minimum 0.05
    await expectDenied(
      await freshAccount(),
      buy('2950', '0.02', { symbol: 'ETH-PERP' }),
      'MIN_QUANTITY',
    );
  });
  it('MAX_QUANTITY', async () => {
    await expectDenied(await freshAccount(), buy('59000', '100.001'), 'MAX_QUANTITY');
  });
  it('MAX_NOTIONAL', async () => {
    await expectDenied(await freshAccount(), buy('59000', '90'), 'MAX_NOTIONAL');
  });
  it('PRICE_OUT_OF_BAND', async () => {
    await expectDenied(await freshAccount(), buy('63500', '0.01'), 'PRICE_OUT_OF_BAND');
  });
  it('POST_ONLY_WOULD_CROSS', async () => {
    await expectDenied(
      await freshAccount(),
      buy('60010', '0.01', { postOnly: true }),
      'POST_ONLY_WOULD_CROSS',
    );
  });
  it('REDUCE_ONLY_WOULD_INCREASE', async () => {
    await expectDenied(
      await freshAccount(),
      buy('59000', '0.01', { reduceOnly: true }),
      'REDUCE_ONLY_WOULD_INCREASE',
    );
  });
  it('INSUFFICIENT_MARGIN (and an order that fits is accepted)', async () => {
    const accountId = await freshAccount('500');
    // initial margin 10 %: 0.1 × 59 000 = 5 900 > 500
    await expectDenied(accountId, buy('59000', '0.1'), 'INSUFFICIENT_MARGIN');
    const fits = await placeAndReport(accountId, buy('59000', '0.08')); // 472 ≤ 500
    expect(fits.execType).toBe('accepted');
    // the first order's margin is held: a second one no longer fits
    await expectDenied(accountId, buy('59000', '0.01'), 'INSUFFICIENT_MARGIN');
  });
  it('TRADING_HALTED and TRADING_REDUCING by account trading state', async () => {
    const halted = await freshAccount();
    await h.send(tradingStateCommand('account', 'halted', halted));
    await expectDenied(halted, buy('59000', '0.01'), 'TRADING_HALTED');
    const reducing = await freshAccount();
    await h.send(tradingStateCommand('account', 'reducing', reducing));
    await expectDenied(reducing, buy('59000', '0.01'), 'TRADING_REDUCING');
    await h.send(tradingStateCommand('account', 'active', reducing));
    expect((await placeAndReport(reducing, buy('59000', '0.01'))).execType).toBe('accepted');
    // Each change is on the events stream for the notifier, named by its command.
    const entries = await h.redis.client.xrange(h.keys.events, '-', '+');
    const changes = entries
      .filter(([, fields]) => fields[1] === 'trading_state')
      .map(([, fields]) => JSON.parse(fields[3] ?? '{}') as Record<string, unknown>);
    expect(changes).toContainEqual(
      expect.objectContaining({ scope: 'account', target: halted, state: 'halted' }),
    );
    expect(changes.filter((c) => c['target'] === reducing).map((c) => c['state'])).toEqual([
      'reducing',
      'active',
    ]);
    expect(changes.every((c) => typeof c['commandId'] === 'string')).toBe(true);
  });
  it('TRADING_HALTED by symbol trading state, only for that symbol', async () => {
    const accountId = await freshAccount();
    // A symbol's state travels in the operator's message group, not in the account's: nothing
    // orders it before the account's next order, so the test waits until it is applied.
    const setEth = async (state: 'halted' | 'active') => {
      await h.send(tradingStateCommand('symbol', state, 'ETH-PERP'));
      await h.waitFor(`ETH-PERP ${state}`, async () => {
        const states = await h.config.getTradingStates(
          accountId as AccountId,
          'ETH-PERP' as InstrumentSymbol,
        );
        return states.symbol === state ? true : undefined;
      });
    };
    await setEth('halted');
    await expectDenied(accountId, buy('2950', '0.1', { symbol: 'ETH-PERP' }), 'TRADING_HALTED');
    expect((await placeAndReport(accountId, buy('59000', '0.01'))).execType).toBe('accepted');
    await setEth('active');
  });
  it('OPEN_ORDER_LIMIT and ORDER_RATE_LIMIT from the risk limits', async () => {
    // An operator's change applies within the OMS's one-second cache of the limits.
    const setLimits = async (limits: Parameters<typeof h.config.putRiskLimits>[0]) => {
      await h.config.putRiskLimits(limits);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
    };
    await setLimits({ maxOpenOrders: 2, maxOrdersPerSecond: null });
    const limited = await freshAccount();
    for (const price of ['58000', '58001']) {
      expect((await placeAndReport(limited, buy(price, '0.01'))).execType).toBe('accepted');
    }
    await expectDenied(limited, buy('58002', '0.01'), 'OPEN_ORDER_LIMIT');

    await setLimits({ maxOpenOrders: 200, maxOrdersPerSecond: 2 });
    const fast = await freshAccount();
    await h.send(
      placeCommand(fast, buy('57000', '0.01')),
      placeCommand(fast, buy('57000.5', '0.01')),
      placeCommand(fast, buy('57001', '0.01')),
    );
    const reports = await h.waitForReports(fast, 3);
    expect(reports.filter((r) => r.execType === 'denied').map((r) => r.reason)).toEqual([
      'ORDER_RATE_LIMIT',
    ]);
    await setLimits({ maxOpenOrders: 200, maxOrdersPerSecond: 20 });
  });
});
