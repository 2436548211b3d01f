import { Decimal } from '@perp/decimal';
import {
  notionalOf,
  positionMaintenanceMargin,
  unitNotional,
  type Instrument,
  type InstrumentSymbol,
  type OrderSide,
  type Position,
} from '@perp/trading-domain';

/** A held position at its mark, with the instrument rules that size a close. */
export interface HeldExposure {
  readonly position: Position;
  readonly mark: Decimal;
  readonly instrument: Pick<
    Instrument,
    'lotSize' | 'minQuantity' | 'maintenanceMarginRate' | 'contractType'
  >;
}

/** Part of a position to close: the order side that reduces it and its size. */
export interface PositionClose {
  readonly symbol: InstrumentSymbol;
  readonly side: OrderSide;
  readonly quantity: Decimal;
  /** Its notional at mark (quantity x mark; inverse: quantity): how much exposure it takes off. */
  readonly notional: Decimal;
}

export interface MarginRemedy {
  /** USD to deposit, in cents, that alone brings utilisation strictly below the threshold. */
  readonly deposit: Decimal;
  /** Or these closes at mark, largest exposure first, that alone do the same. */
  readonly close: readonly PositionClose[];
}

export interface MarginRemedyInput {
  readonly equity: Decimal;
  readonly maintenanceMargin: Decimal;
  readonly exposures: readonly HeldExposure[];
}

const CENT = Decimal.parse('0.01');

/**
 * Largest exposure (notional at mark: |qty| x mark; inverse: |qty|) first; the symbol breaks ties,
 * so the plan is deterministic.
 */
export function byExposure(exposures: readonly HeldExposure[]): HeldExposure[] {
  const value = (e: HeldExposure) =>
    notionalOf(e.instrument.contractType, e.position.quantity.abs(), e.mark, 'ceil');
  return exposures
    .filter((e) => !e.position.quantity.isZero())
    .sort((a, b) => value(b).cmp(value(a)) || a.position.symbol.localeCompare(b.position.symbol));
}

export interface RemedyOptions {
  /**
   * What closing costs, as a fraction of the closed notional at mark (slippage and fees), taken
   * off equity as the closes are sized. 0 (the default) values a close at mark: the advice to a
   * trader; a margin call passes what its last round of fills actually cost.
   */
  readonly closeCostRate?: Decimal;
}

/**
 * What gets utilisation (maintenance margin / equity) strictly below `threshold`: a deposit, or
 * closing positions, largest exposure first, each close rounded up to the lot (a close frees its
 * maintenance margin and costs `closeCostRate` of its notional). With equity <= 0 no partial close
 * is enough: every position is closed. Already below: deposit 0 and nothing to close.
 */
export function marginRemedy(
  input: MarginRemedyInput,
  threshold: Decimal,
  options: RemedyOptions = {},
): MarginRemedy {
  const { equity, maintenanceMargin } = input;
  if (maintenanceMargin.isZero()) return { deposit: Decimal.ZERO, close: [] };
  // equity + deposit > maintenance / threshold; the cent above the exact amount, never below it.
  const shortfall = maintenanceMargin.div(threshold, 'ceil').sub(equity);
  const deposit = shortfall.isNegative() ? Decimal.ZERO : shortfall.round(2, 'floor').add(CENT);
  return { deposit, close: closesBelow(input, threshold, options.closeCostRate ?? Decimal.ZERO) };
}

function closesBelow(
  input: MarginRemedyInput,
  threshold: Decimal,
  costRate: Decimal,
): PositionClose[] {
  let equity = input.equity;
  let remaining = input.maintenanceMargin;
  const closes: PositionClose[] = [];
  for (const exposure of byExposure(input.exposures)) {
    const solvent = equity.isPositive();
    if (solvent && remaining.lt(equity.mul(threshold, 'floor'))) break;
    const { position, mark, instrument } = exposure;
    const held = position.quantity.abs();
    const before = positionMaintenanceMargin(held, mark, instrument);
    const quantity = solvent
      ? closingQuantity({ held, before, remaining, equity, threshold, costRate }, exposure)
      : held;
    const after = positionMaintenanceMargin(held.sub(quantity), mark, instrument);
    remaining = remaining.sub(before).add(after);
    const notional = notionalOf(instrument.contractType, quantity, mark, 'ceil');
    equity = equity.sub(notional.mul(costRate, 'ceil'));
    closes.push({
      symbol: position.symbol,
      side: position.quantity.isPositive() ? 'sell' : 'buy',
      quantity,
      notional,
    });
  }
  return closes;
}

interface CloseSizing {
  readonly held: Decimal;
  readonly before: Decimal;
  readonly remaining: Decimal;
  readonly equity: Decimal;
  readonly threshold: Decimal;
  readonly costRate: Decimal;
}

/**
 * The smallest lot multiple (at least the minimum, at most the position) after whose close the
 * maintenance margin is under threshold x equity, the close's cost taken off equity.
 */
function closingQuantity(sizing: CloseSizing, { mark, instrument }: HeldExposure): Decimal {
  const { held, before, remaining, equity, threshold, costRate } = sizing;
  const below = (quantity: Decimal) => {
    const after = remaining
      .sub(before)
      .add(positionMaintenanceMargin(held.sub(quantity), mark, instrument));
    const cost = notionalOf(instrument.contractType, quantity, mark, 'ceil').mul(costRate, 'ceil');
    return after.lt(equity.sub(cost).mul(threshold, 'floor'));
  };
  // Each unit of quantity is worth `unit` of notional (the mark; inverse: 1): it frees unit x MMR
  // and costs threshold x unit x cost rate of the allowance.
  const unit = unitNotional(instrument.contractType, mark);
  const perUnit = unit
    .mul(instrument.maintenanceMarginRate, 'floor')
    .sub(unit.mul(costRate, 'ceil').mul(threshold, 'ceil'));
  if (!perUnit.isPositive()) return held;
  const excess = remaining.sub(equity.mul(threshold, 'floor'));
  let quantity = excess.div(perUnit, 'floor').roundToStep(instrument.lotSize, 'floor');
  quantity = quantity.max(instrument.minQuantity);
  // Rounding of the margin formula can leave the freed amount a hair short: one lot more.
  while (quantity.lt(held)) {
    if (below(quantity)) return quantity;
    quantity = quantity.add(instrument.lotSize);
  }
  return held;
}
