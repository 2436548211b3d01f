import { Decimal } from '@perp/decimal';
import type { OrderSide } from '@perp/trading-domain';
import type { QuoteInstrument } from './quote-instrument.ts';
import type { LadderPrice } from './quote-ladder.ts';

export interface LadderSizeSpec {
  readonly side: OrderSide;
  /** The side's prices, innermost first. */
  readonly prices: readonly LadderPrice[];
  /** Level 0 size, in base units. */
  readonly baseSize: Decimal;
  /** Geometric ratio between consecutive levels, in (0, 1]. */
  readonly sizeTaper: Decimal;
  /** Most notional the side may quote, in quote currency (see `sideBudget`). */
  readonly budget: Decimal;
  /** Signed position, in base units. */
  readonly position: Decimal;
  /** Absolute position limit, in base units. */
  readonly maxPosition: Decimal;
}

/** baseSize × taper^level, each step rounded down at the 18th digit. */
function taperedSizes(spec: LadderSizeSpec): Decimal[] {
  const sizes: Decimal[] = [];
  let size = spec.baseSize;
  let level = 0;
  for (const { level: target } of spec.prices) {
    for (; level < target; level += 1) size = size.mul(spec.sizeTaper, 'down');
    sizes.push(size);
  }
  return sizes;
}

/** How much a full fill of this side may add before |position| passes the limit, in base units. */
function positionRoom(side: OrderSide, position: Decimal, maxPosition: Decimal): Decimal {
  const room = side === 'buy' ? maxPosition.sub(position) : maxPosition.add(position);
  return room.max(Decimal.ZERO);
}

/**
 * The quantity of each level, aligned with `prices` (zero where a level is dropped). In order,
 * each step only ever shrinks a size, so the earlier limits still hold after the later ones:
 * 1. geometric taper (Lumerin / Hummingbot order_level_amount as a ratio);
 * 2. if the ladder's notional exceeds the budget, every size scaled by budget / notional
 *    (proportional, so the shape is kept; never scaled up);
 * 3. capped at the instrument's maxQuantity and rounded down to the lot;
 * 4. the side's total capped so a full fill stays within ±maxPosition, taking from the outermost
 *    level first (the inner levels fill first, so they keep their size);
 * 5. below minQuantity dropped (0).
 */
export function ladderSizes(instrument: QuoteInstrument, spec: LadderSizeSpec): Decimal[] {
  const { lotSize, minQuantity, maxQuantity } = instrument;
  let sizes = taperedSizes(spec);
  // Rounded up: a notional read low could let the ladder exceed its budget.
  const notional = Decimal.sum(
    spec.prices.map(({ price }, i) => price.mul(sizes[i] ?? Decimal.ZERO, 'ceil')),
  );
  if (notional.gt(spec.budget)) {
    sizes = sizes.map((size) => size.mulDiv(spec.budget, notional, 'down'));
  }
  sizes = sizes.map((size) => size.min(maxQuantity).roundToStep(lotSize, 'down'));
  let room = positionRoom(spec.side, spec.position, spec.maxPosition).roundToStep(lotSize, 'down');
  sizes = sizes.map((size) => {
    const taken = size.min(room);
    room = room.sub(taken);
    return taken;
  });
  return sizes.map((size) => (size.gte(minQuantity) && size.isPositive() ? size : Decimal.ZERO));
}
