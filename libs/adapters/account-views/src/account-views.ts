import { wireAccountSnapshot, wirePosition } from '@perp/contracts';
import type { AccountSnapshot, Position as WirePosition } from '@perp/contracts';
import type { Decimal } from '@perp/decimal';
import {
  computeAccountMargin,
  orderExposure,
  strictestTradingState,
  type AccountId,
  type ContractType,
  type InstrumentSymbol,
  type MarketContext,
} from '@perp/trading-domain';
import type { AccountReaders } from './account-readers.ts';

// The account's views as a client sees them, read from the trading store at the venue's marks:
// answered by the query methods and sent as the snapshots of the account channels.

/** One mark per symbol, asked for in parallel. */
async function marks(
  ctx: AccountReaders,
  symbols: Iterable<InstrumentSymbol>,
): Promise<ReadonlyMap<InstrumentSymbol, Decimal>> {
  const unique = [...new Set(symbols)];
  const prices = await Promise.all(unique.map((symbol) => ctx.market.mark(symbol)));
  return new Map(unique.map((symbol, index) => [symbol, prices[index] as Decimal]));
}

/** How each symbol's quantities read (a delisted instrument no longer listed: linear). */
export async function contractTypes(
  ctx: AccountReaders,
  symbols: Iterable<InstrumentSymbol>,
): Promise<ReadonlyMap<InstrumentSymbol, ContractType>> {
  const unique = [...new Set(symbols)];
  const entries = await Promise.all(unique.map((symbol) => ctx.instruments.get(symbol)));
  return new Map(
    unique.map((symbol, index) => [symbol, entries[index]?.instrument.contractType ?? 'linear']),
  );
}

/** Every position the account has had, by symbol, valued at the venue's mark. */
export async function readPositions(
  ctx: AccountReaders,
  accountId: AccountId,
): Promise<WirePosition[]> {
  const positions = (await ctx.store.listPositions(accountId)).map((p) => p.value);
  const symbols = positions.map((p) => p.symbol);
  const [byMark, types] = await Promise.all([marks(ctx, symbols), contractTypes(ctx, symbols)]);
  const now = ctx.clock();
  return positions
    .sort((a, b) => a.symbol.localeCompare(b.symbol))
    .map((position) =>
      wirePosition(
        position,
        byMark.get(position.symbol) as Decimal,
        now,
        types.get(position.symbol) ?? 'linear',
      ),
    );
}

/** Balances and margin at the venue's marks; undefined when the account does not exist. */
export async function readAccountSnapshot(
  ctx: AccountReaders,
  accountId: AccountId,
): Promise<AccountSnapshot | undefined> {
  const [balance, positions, openOrders, states] = await Promise.all([
    ctx.store.getBalance(accountId),
    ctx.store.listPositions(accountId),
    ctx.store.listOpenOrders(accountId),
    ctx.config.getTradingStates(accountId, null),
  ]);
  if (!balance) return undefined;
  const held = positions.map((p) => p.value).filter((p) => !p.quantity.isZero());
  const orders = openOrders.map((o) => o.value);
  const symbols = [...new Set([...held.map((p) => p.symbol), ...orders.map((o) => o.symbol)])];
  const [byMark, entries] = await Promise.all([
    marks(ctx, symbols),
    Promise.all(symbols.map((symbol) => ctx.instruments.get(symbol))),
  ]);
  const markets = new Map<InstrumentSymbol, MarketContext>();
  symbols.forEach((symbol, index) => {
    const entry = entries[index];
    const mark = byMark.get(symbol);
    if (entry && mark) markets.set(symbol, { instrument: entry.instrument, mark });
  });
  const margin = computeAccountMargin({
    collateral: balance.value.collateral,
    positions: held,
    openOrders: orders.map(orderExposure),
    markets,
  });
  return wireAccountSnapshot(
    accountId,
    margin,
    strictestTradingState(states.global, states.account),
    ctx.clock(),
  );
}
