import { Decimal } from '@perp/decimal';
import { basisOf } from './contract-value.ts';
import type { AccountId, InstrumentSymbol } from './identifiers.ts';
import type { ContractType } from './instrument.ts';
import type { OrderSide } from './order-vocabulary.ts';
import { PositionError } from './position-error.ts';

/**
 * A netting position: one signed quantity per account and symbol (+ long, - short).
 *
 * The cost basis, not the entry price, is the state: it is the exact sum of quantity x price of
 * the open quantity, and a reduce removes a proportional share of it (rounded once, the rest stays
 * in the basis). So for any fill sequence, realised + unrealised PnL equals exactly
 * -sum(signed fill quantity x price) + quantity x mark: PnL is conserved between counterparties.
 *
 * For an inverse contract the basis is what the position holds of the base asset, the sum of
 * quantity / price (half-even at the 18th digit), and PnL is its value in the quote asset:
 * closing c contracts of a long at p realises basis share x p - c (the base asset it held, sold
 * back for the quote asset), a short the opposite.
 */
export interface Position {
  readonly accountId: AccountId;
  readonly symbol: InstrumentSymbol;
  readonly quantity: Decimal;
  /** Non-negative; zero when flat. In the quote asset (linear) or the base asset (inverse). */
  readonly costBasis: Decimal;
  /** Cumulative realised PnL in the quote asset, before fees. */
  readonly realizedPnl: Decimal;
  /** Cumulative fees paid in the quote asset (negative when rebates outweigh them). */
  readonly fees: Decimal;
}

export interface PositionFill {
  readonly symbol: InstrumentSymbol;
  readonly side: OrderSide;
  readonly quantity: Decimal;
  readonly price: Decimal;
  readonly fee: Decimal;
}

export interface PositionChange {
  readonly position: Position;
  /** PnL this fill realised (before fees); zero when it only opened or added. */
  readonly realizedPnl: Decimal;
}

export function flatPosition(accountId: AccountId, symbol: InstrumentSymbol): Position {
  return {
    accountId,
    symbol,
    quantity: Decimal.ZERO,
    costBasis: Decimal.ZERO,
    realizedPnl: Decimal.ZERO,
    fees: Decimal.ZERO,
  };
}

/**
 * The position after one fill and the PnL the fill realised: opens, adds, reduces, closes or flips
 * (closes the whole position, then opens the rest at the fill price). Pure.
 */
export function applyFill(
  position: Position,
  fill: PositionFill,
  contractType: ContractType = 'linear',
): PositionChange {
  if (fill.symbol !== position.symbol) {
    throw new PositionError(
      'POSITION_SYMBOL_MISMATCH',
      `fill for ${fill.symbol} on a ${position.symbol} position`,
    );
  }
  if (!fill.quantity.isPositive() || !fill.price.isPositive()) {
    throw new PositionError('POSITION_INVALID_FILL', 'fill quantity and price must be positive');
  }
  const held = position.quantity;
  const direction = fill.side === 'buy' ? 1 : -1;
  const notional = basisOf(contractType, fill.quantity, fill.price);
  const fees = position.fees.add(fill.fee);

  if (held.isZero() || held.sign() === direction) {
    const quantity = direction === 1 ? held.add(fill.quantity) : held.sub(fill.quantity);
    const next = { ...position, quantity, costBasis: position.costBasis.add(notional), fees };
    return { position: next, realizedPnl: Decimal.ZERO };
  }

  const heldSize = held.abs();
  const closed = fill.quantity.min(heldSize);
  const removedCost = closed.eq(heldSize)
    ? position.costBasis
    : position.costBasis.mulDiv(closed, heldSize, 'half_even');
  const closedNotional = closed.eq(fill.quantity)
    ? notional
    : basisOf(contractType, closed, fill.price);
  // Long closed by a sell earns proceeds - cost; short closed by a buy earns cost - outlay. An
  // inverse long sells the base asset it held (removed cost) at the fill price for c contracts.
  const gain =
    contractType === 'inverse'
      ? removedCost.mul(fill.price, 'half_even').sub(closed)
      : closedNotional.sub(removedCost);
  const realized = held.isPositive() ? gain : gain.neg();
  const opened = fill.quantity.sub(closed);
  const next: Position = opened.isPositive()
    ? {
        ...position,
        quantity: direction === 1 ? opened : opened.neg(),
        costBasis: notional.sub(closedNotional),
        realizedPnl: position.realizedPnl.add(realized),
        fees,
      }
    : {
        ...position,
        quantity: direction === 1 ? held.add(closed) : held.sub(closed),
        costBasis: position.costBasis.sub(removedCost),
        realizedPnl: position.realizedPnl.add(realized),
        fees,
      };
  return { position: next, realizedPnl: realized };
}

/**
 * Average entry price (cost basis / size; inverse: size / cost basis, the harmonic mean of the
 * fill prices), 18 digits half-even; `null` when flat.
 */
export function entryPrice(
  position: Position,
  contractType: ContractType = 'linear',
): Decimal | null {
  if (position.quantity.isZero()) return null;
  const size = position.quantity.abs();
  return contractType === 'inverse'
    ? size.div(position.costBasis, 'half_even')
    : position.costBasis.div(size, 'half_even');
}

/** Unrealised PnL at `mark`: what closing the whole position at the mark would realise. */
export function unrealizedPnl(
  position: Position,
  mark: Decimal,
  contractType: ContractType = 'linear',
): Decimal {
  if (position.quantity.isZero()) return Decimal.ZERO;
  // half-even is symmetric in sign, so the two sides of a trade round to opposite amounts.
  const gain =
    contractType === 'inverse'
      ? position.costBasis.mul(mark, 'half_even').sub(position.quantity.abs())
      : position.quantity.abs().mul(mark, 'half_even').sub(position.costBasis);
  return position.quantity.isPositive() ? gain : gain.neg();
}

/** Whether an order of `side` and `quantity` only reduces a position of `positionQuantity` (no flip). */
export function reducesPosition(
  positionQuantity: Decimal,
  side: OrderSide,
  quantity: Decimal,
): boolean {
  const opposite = side === 'buy' ? positionQuantity.isNegative() : positionQuantity.isPositive();
  return opposite && quantity.lte(positionQuantity.abs());
}
