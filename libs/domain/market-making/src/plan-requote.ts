import { Decimal } from '@perp/decimal';
import type { OrderSide } from '@perp/trading-domain';
import type { DesiredQuote } from './desired-quote.ts';

/** One of the bot's own orders resting on the book, as its order tracker knows it. */
export interface RestingQuote {
  /** Its client order id (any string: orders the bot does not recognise are canceled too). */
  readonly clientOrderId: string;
  readonly side: OrderSide;
  /** Limit price, in quote currency per base unit. */
  readonly price: Decimal;
  /** Quantity still open (ordered − filled), in base units. */
  readonly remainingQuantity: Decimal;
  /** When it was placed, in ms (same clock as `now`). */
  readonly placedAt: number;
}

export interface RequoteInput {
  /** What `computeQuotes` wants now. */
  readonly desired: readonly DesiredQuote[];
  /** What is on the book now. */
  readonly resting: readonly RestingQuote[];
  /** Price increment of the instrument. */
  readonly tickSize: Decimal;
  /** A resting order within fewer than this many ticks of its quote stays, integer ≥ 1. */
  readonly requoteThresholdTicks: number;
  /** Ratio ≥ 0: a remaining quantity within ± this × the desired quantity stays (e.g. 0.25). */
  readonly sizeTolerance: Decimal;
  /** Orders at least this old (ms) are replaced even if unchanged, so none rests forever. > 0. */
  readonly maxOrderAgeMs: number;
  /** Current time, in ms. */
  readonly now: number;
}

export interface RequotePlan {
  /** Resting orders close enough to a desired quote: left alone. */
  readonly keep: RestingQuote[];
  /** Resting orders no desired quote wants: cancel them. */
  readonly cancel: RestingQuote[];
  /** Desired quotes no resting order covers: place them. */
  readonly place: DesiredQuote[];
}

interface Candidate {
  readonly desired: number;
  readonly resting: number;
  /** |price difference| in raw units. */
  readonly distance: bigint;
}

/**
 * Requote by difference (Hummingbot's order_refresh_tolerance): instead of cancelling and
 * replacing the whole grid on every reference tick, which costs requests, queue priority and rate
 * limit, an order stays while it is within the price threshold, size tolerance and age of a
 * quote the model wants. Per side, candidate pairs are matched greedily by closest price, each
 * order and quote at most once. Output order is fixed whatever the input order: `place` in the
 * desired order, `keep` and `cancel` bids then asks, innermost first, then by client order id.
 */
export function planRequote(input: RequoteInput): RequotePlan {
  const { desired, resting, tickSize, requoteThresholdTicks, sizeTolerance } = input;
  if (!Number.isSafeInteger(requoteThresholdTicks) || requoteThresholdTicks < 1) {
    throw new RangeError(
      `requoteThresholdTicks must be an integer ≥ 1, got ${requoteThresholdTicks}`,
    );
  }
  if (!tickSize.isPositive()) throw new RangeError(`tickSize must be positive, got ${tickSize}`);
  if (sizeTolerance.isNegative()) {
    throw new RangeError(`sizeTolerance must be at least 0, got ${sizeTolerance}`);
  }
  if (!(input.maxOrderAgeMs > 0)) {
    throw new RangeError(`maxOrderAgeMs must be positive, got ${input.maxOrderAgeMs}`);
  }
  const threshold = tickSize.mul(Decimal.fromInt(requoteThresholdTicks)).units;
  const fits = (quote: DesiredQuote, order: RestingQuote): boolean =>
    quote.side === order.side &&
    abs(quote.price.units - order.price.units) < threshold &&
    order.remainingQuantity
      .sub(quote.quantity)
      .abs()
      .lte(quote.quantity.mul(sizeTolerance, 'down')) &&
    input.now - order.placedAt < input.maxOrderAgeMs;

  const candidates: Candidate[] = [];
  desired.forEach((quote, d) =>
    resting.forEach((order, r) => {
      if (fits(quote, order)) {
        candidates.push({
          desired: d,
          resting: r,
          distance: abs(quote.price.units - order.price.units),
        });
      }
    }),
  );
  candidates.sort(
    (a, b) =>
      compareBigint(a.distance, b.distance) ||
      a.desired - b.desired ||
      compareResting(resting[a.resting] as RestingQuote, resting[b.resting] as RestingQuote),
  );
  const matchedDesired = new Set<number>();
  const matchedResting = new Set<number>();
  for (const candidate of candidates) {
    if (matchedDesired.has(candidate.desired) || matchedResting.has(candidate.resting)) continue;
    matchedDesired.add(candidate.desired);
    matchedResting.add(candidate.resting);
  }
  const keep: RestingQuote[] = [];
  const cancel: RestingQuote[] = [];
  resting.forEach((order, r) => (matchedResting.has(r) ? keep : cancel).push(order));
  return {
    keep: keep.sort(compareResting),
    cancel: cancel.sort(compareResting),
    place: desired.filter((_, d) => !matchedDesired.has(d)),
  };
}

/** Bids before asks, innermost first (bids by price descending, asks ascending), then by id. */
function compareResting(a: RestingQuote, b: RestingQuote): number {
  if (a.side !== b.side) return a.side === 'buy' ? -1 : 1;
  const byPrice = a.price.cmp(b.price);
  if (byPrice !== 0) return a.side === 'buy' ? -byPrice : byPrice;
  return a.clientOrderId < b.clientOrderId ? -1 : a.clientOrderId > b.clientOrderId ? 1 : 0;
}

function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}
