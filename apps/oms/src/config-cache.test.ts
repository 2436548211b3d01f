import type { AccountId, InstrumentSymbol } from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigCache } from './config-cache.ts';
import { startOmsHarness, type OmsHarness } from './test-support/oms-harness.ts';

let h: OmsHarness;

beforeAll(async () => {
  h = await startOmsHarness();
}, 60_000);
afterAll(() => h?.dispose());

const BTC = 'BTC-PERP' as InstrumentSymbol;
const ETH = 'ETH-PERP' as InstrumentSymbol;

describe('ConfigCache (DynamoDB Local)', () => {
  it('keeps risk limits for its ttl, then reads the table again', async () => {
    let now = 1_000_000;
    const cache = new ConfigCache({ config: h.config, ttlMs: 1_000, clock: () => now });
    await h.config.putRiskLimits({ maxOpenOrders: 7, maxOrdersPerSecond: 3 });
    expect(await cache.riskLimits()).toEqual({ maxOpenOrders: 7, maxOrdersPerSecond: 3 });

    await h.config.putRiskLimits({ maxOpenOrders: 9, maxOrdersPerSecond: null });
    now += 999;
    expect((await cache.riskLimits()).maxOpenOrders).toBe(7);
    now += 1;
    expect(await cache.riskLimits()).toEqual({ maxOpenOrders: 9, maxOrdersPerSecond: null });
  });

  it('answers each order’s three trading-state scopes from one table read; invalidate reads again', async () => {
    const now = 2_000_000;
    const cache = new ConfigCache({ config: h.config, ttlMs: 1_000, clock: () => now });
    const paula = 'paula' as AccountId;
    const quinn = 'quinn' as AccountId;
    expect(await cache.tradingStates(paula, BTC)).toEqual({
      global: 'active',
      account: 'active',
      symbol: 'active',
    });

    await h.config.setTradingState('account', 'paula', 'halted', now);
    await h.config.setTradingState('symbol', 'ETH-PERP', 'reducing', now);
    // Within the ttl: still what was read.
    expect((await cache.tradingStates(paula, BTC)).account).toBe('active');

    cache.invalidate();
    expect(await cache.tradingStates(paula, BTC)).toEqual({
      global: 'active',
      account: 'halted',
      symbol: 'active',
    });
    expect(await cache.tradingStates(quinn, ETH)).toEqual({
      global: 'active',
      account: 'active',
      symbol: 'reducing',
    });
    await h.config.setTradingState('account', 'paula', 'active', now);
    await h.config.setTradingState('symbol', 'ETH-PERP', 'active', now);
  });
});
