import { Decimal } from '@perp/decimal';
import { notionalOf } from './contract-value.ts';
import type { InstrumentSymbol } from './identifiers.ts';
import type { Instrument } from './instrument.ts';
import { MarginError } from './margin-error.ts';
import { marginUtilization, type MarginUtilization } from './margin-status.ts';
import {
  openOrdersInitialMargin,
  type MarketContext,
  type OrderExposure,
} from './order-exposure.ts';
import { unrealizedPnl, type Position } from './position.ts';

export interface AccountMarginInput {
  /** Deposits plus realised PnL minus fees, in USD. */
  readonly collateral: Decimal;
  readonly positions: readonly Position[];
  readonly openOrders: readonly OrderExposure[];
  /** Mark and rates for every symbol with a position or an open order. */
  readonly markets: ReadonlyMap<InstrumentSymbol, MarketContext>;
}

export interface AccountMargin {
  readonly collateral: Decimal;
  readonly unrealizedPnl: Decimal;
  /** collateral + unrealised PnL at mark. */
  readonly equity: Decimal;
  /** sum of each position's notional at mark (|qty| x mark; inverse: |qty|) x IMR. */
  readonly positionInitialMargin: Decimal;
  /** What open orders hold (see `openOrdersInitialMargin`). */
  readonly orderInitialMargin: Decimal;
  readonly initialMargin: Decimal;
  /** sum of each position's notional at mark x MMR. */
  readonly maintenanceMargin: Decimal;
  /** equity - initial margin; negative when the account is over-committed. */
  readonly availableMargin: Decimal;
  readonly marginUtilization: MarginUtilization;
}

/**
 * One position's maintenance margin, its notional at mark (|qty| x mark; inverse: |qty|) x MMR,
 * rounded up at the 18th digit (never understated): the formula the account's margin sums, and
 * what closing part of it frees.
 */
export function positionMaintenanceMargin(
  quantity: Decimal,
  mark: Decimal,
  instrument: Pick<Instrument, 'maintenanceMarginRate' | 'contractType'>,
): Decimal {
  return notionalOf(instrument.contractType, quantity.abs(), mark, 'ceil').mul(
    instrument.maintenanceMarginRate,
    'ceil',
  );
}

/**
 * An account's margin (linear and inverse perpetuals, one USD collateral). Margin amounts round up at the 18th
 * digit (never understated); unrealised PnL rounds half-even. Throws `MarginError` when a symbol
 * has no market context.
 */
export function computeAccountMargin(input: AccountMarginInput): AccountMargin {
  const ordersBySymbol = new Map<InstrumentSymbol, OrderExposure[]>();
  for (const order of input.openOrders) {
    const list = ordersBySymbol.get(order.symbol);
    if (list) list.push(order);
    else ordersBySymbol.set(order.symbol, [order]);
  }
  const positionBySymbol = new Map<InstrumentSymbol, Position>();
  // A flat position holds nothing and needs no mark.
  for (const position of input.positions)
    if (!position.quantity.isZero()) positionBySymbol.set(position.symbol, position);

  let unrealized = Decimal.ZERO;
  let positionInitialMargin = Decimal.ZERO;
  let maintenanceMargin = Decimal.ZERO;
  let orderInitialMargin = Decimal.ZERO;
  for (const symbol of new Set([...positionBySymbol.keys(), ...ordersBySymbol.keys()])) {
    const market = input.markets.get(symbol);
    if (market === undefined) throw new MarginError(symbol);
    const position = positionBySymbol.get(symbol);
    const quantity = position?.quantity ?? Decimal.ZERO;
    if (position !== undefined) {
      const { contractType } = market.instrument;
      const value = notionalOf(contractType, quantity.abs(), market.mark, 'ceil');
      unrealized = unrealized.add(unrealizedPnl(position, market.mark, contractType));
      positionInitialMargin = positionInitialMargin.add(
        value.mul(market.instrument.initialMarginRate, 'ceil'),
      );
      maintenanceMargin = maintenanceMargin.add(
        positionMaintenanceMargin(quantity, market.mark, market.instrument),
      );
    }
    const orders = ordersBySymbol.get(symbol);
    if (orders !== undefined)
      orderInitialMargin = orderInitialMargin.add(
        openOrdersInitialMargin(quantity, orders, market),
      );
  }
  const equity = input.collateral.add(unrealized);
  const initialMargin = positionInitialMargin.add(orderInitialMargin);
  return {
    collateral: input.collateral,
    unrealizedPnl: unrealized,
    equity,
    positionInitialMargin,
    orderInitialMargin,
    initialMargin,
    maintenanceMargin,
    availableMargin: equity.sub(initialMargin),
    marginUtilization: marginUtilization(maintenanceMargin, equity),
  };
}
