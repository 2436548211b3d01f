import {
  computeAccountMargin,
  orderExposure,
  type AccountBalance,
  type AccountId,
  type AccountMargin,
  type InstrumentSymbol,
  type MarketContext,
  type Order,
  type Position,
} from '@perp/trading-domain';
import type { Versioned } from '@perp/trading-store';
import type { OmsContext } from './context.ts';
import type { Market } from './market-cache.ts';

export interface AccountState {
  readonly balance: Versioned<AccountBalance>;
  readonly positions: readonly Versioned<Position>[];
  readonly openOrders: readonly Versioned<Order>[];
  readonly markets: ReadonlyMap<InstrumentSymbol, Market>;
  readonly margin: AccountMargin;
}

/**
 * Everything pre-trade risk needs of an account, read in parallel. `orderSymbol` adds a market the
 * account holds nothing in yet (the symbol of the order being placed). Undefined for an unknown account.
 */
export async function loadAccountState(
  ctx: OmsContext,
  accountId: AccountId,
  orderSymbol?: InstrumentSymbol,
): Promise<AccountState | undefined> {
  const [balance, positions, openOrders] = await Promise.all([
    ctx.store.getBalance(accountId),
    ctx.store.listPositions(accountId),
    ctx.store.listOpenOrders(accountId),
  ]);
  if (!balance) return undefined;
  const symbols = new Set<InstrumentSymbol>([
    ...positions.filter((p) => !p.value.quantity.isZero()).map((p) => p.value.symbol),
    ...openOrders.map((o) => o.value.symbol),
  ]);
  const contexts = new Map<InstrumentSymbol, MarketContext>();
  const markets = new Map<InstrumentSymbol, Market>();
  // A halted or delisted instrument's order is denied without a price, and its venue may no
  // longer quote it: no market is fetched for it.
  const ordered = orderSymbol ? await ctx.instruments.get(orderSymbol) : undefined;
  const quoted =
    ordered !== undefined && ordered.status !== 'halted' && ordered.status !== 'delisted';
  const wanted = quoted ? [...symbols, ordered.symbol] : [...symbols];
  await Promise.all(
    [...new Set(wanted)].map(async (symbol) => {
      const instrument = await ctx.instruments.get(symbol);
      if (!instrument) return;
      const market = await ctx.markets.get(symbol);
      markets.set(symbol, market);
      contexts.set(symbol, { instrument, mark: market.mark });
    }),
  );
  const margin = computeAccountMargin({
    collateral: balance.value.collateral,
    positions: positions.map((p) => p.value).filter((p) => contexts.has(p.symbol)),
    openOrders: openOrders.map((o) => orderExposure(o.value)).filter((o) => contexts.has(o.symbol)),
    markets: contexts,
  });
  return { balance, positions, openOrders, markets, margin };
}
