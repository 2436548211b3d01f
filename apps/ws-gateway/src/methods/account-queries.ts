import { LIST_LIMIT_DEFAULT, wireAccountSnapshot, wireFill, wirePosition } from '@perp/contracts';
import type { Decimal } from '@perp/decimal';
import {
  computeAccountMargin,
  orderExposure,
  strictestTradingState,
  type AccountId,
  type InstrumentSymbol,
  type MarketContext,
} from '@perp/trading-domain';
import type { GatewayContext } from '../context.ts';
import type { AccountSnapshot, Position as WirePosition } from '@perp/contracts';
import type { MethodHandler } from './method-handler.ts';
import { noAccount } from './no-account.ts';

/** fills.list: newest first, `before` exclusive (ms), at most `limit`. */
export const fillsList: MethodHandler<'fills.list'> = async (ctx, { params, caller }) => {
  const fills = await ctx.store.listFills(caller.accountId, {
    ...(params.symbol === undefined ? {} : { symbol: params.symbol }),
    limit: params.limit ?? LIST_LIMIT_DEFAULT,
    ...(params.before === undefined ? {} : { before: params.before }),
  });
  return fills.map(wireFill);
};

/** What the account views read: the subscription service reads the same views for its channels. */
export type AccountReaders = Pick<
  GatewayContext,
  'store' | 'config' | 'instruments' | 'market' | 'clock'
>;

/** One mark per symbol, asked for in parallel. */
async function marks(
  ctx: AccountReaders,
  symbols: Iterable<InstrumentSymbol>,
): Promise<ReadonlyMap<InstrumentSymbol, Decimal>> {
  const unique = [...new Set(symbols)];
  const prices = await Promise.all(unique.map((symbol) => ctx.market.mark(symbol)));
  return new Map(unique.map((symbol, index) => [symbol, prices[index] as Decimal]));
}

/** positions.list: every position the account has had, valued at the venue's mark. */
export const positionsList: MethodHandler<'positions.list'> = (ctx, { caller }) =>
  readPositions(ctx, caller.accountId);

/** Every position the account has had, by symbol, valued at the venue's mark. */
export async function readPositions(
  ctx: AccountReaders,
  accountId: AccountId,
): Promise<WirePosition[]> {
  const positions = (await ctx.store.listPositions(accountId)).map((p) => p.value);
  const byMark = await marks(
    ctx,
    positions.map((p) => p.symbol),
  );
  const now = ctx.clock();
  return positions
    .sort((a, b) => a.symbol.localeCompare(b.symbol))
    .map((position) => wirePosition(position, byMark.get(position.symbol) as Decimal, now));
}

/** account.get: balances and margin at the venue's marks, and the strictest trading state. */
export const accountGet: MethodHandler<'account.get'> = async (ctx, { caller }) => {
  const snapshot = await readAccountSnapshot(ctx, caller.accountId);
  if (!snapshot) throw noAccount();
  return snapshot;
};

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
