import type { Decimal } from '@perp/decimal';
import type { OrderSide } from '@perp/trading-domain';

/** One order the model wants on the book. */
export interface DesiredQuote {
  readonly side: OrderSide;
  /** Slot on its side, 0 = innermost; a dropped level leaves a gap, the others keep their number. */
  readonly level: number;
  /** Limit price, in quote currency per base unit, a multiple of the tick. */
  readonly price: Decimal;
  /** Order quantity, in base units, a multiple of the lot within [minQuantity, maxQuantity]. */
  readonly quantity: Decimal;
}
