import { Decimal } from '@perp/decimal';

/** One price of a side's grid. */
export interface LadderPrice {
  /** Slot, 0 = innermost. */
  readonly level: number;
  /** Limit price on the tick grid, > 0. */
  readonly price: Decimal;
}

export interface QuoteLadders {
  /** Bid prices, innermost (highest) first. */
  readonly bids: readonly LadderPrice[];
  /** Ask prices, innermost (lowest) first. */
  readonly asks: readonly LadderPrice[];
}

export interface LadderSpec {
  /** Reservation price r, in price units. */
  readonly reservation: Decimal;
  /** Half spread h, in price units, ≥ 0. */
  readonly halfSpread: Decimal;
  /** Price increment of the instrument. */
  readonly tickSize: Decimal;
  /** Levels per side. */
  readonly levels: number;
  /** Ticks between consecutive levels. */
  readonly levelSpacingTicks: number;
}

/**
 * The price grid around r: the innermost bid rounded down and the innermost ask rounded up onto
 * the tick, so rounding only ever widens the spread; then every `levelSpacingTicks` ticks further
 * out. If r − h and r + h land on the same tick (h = 0 on a tick) the ask moves up one tick: a
 * bot's own bid and ask may never touch. Prices ≤ 0 are dropped (a deep bid near zero, or asks
 * pushed below zero by an extreme inventory skew).
 */
export function quoteLadders(spec: LadderSpec): QuoteLadders {
  const { reservation, halfSpread, tickSize, levels } = spec;
  const innerBid = reservation.sub(halfSpread).roundToStep(tickSize, 'floor');
  let innerAsk = reservation.add(halfSpread).roundToStep(tickSize, 'ceil');
  if (innerAsk.lte(innerBid)) innerAsk = innerBid.add(tickSize);
  const spacing = tickSize.mul(Decimal.fromInt(spec.levelSpacingTicks));
  const bids: LadderPrice[] = [];
  const asks: LadderPrice[] = [];
  for (let level = 0; level < levels; level += 1) {
    const offset = spacing.mul(Decimal.fromInt(level));
    const bid = innerBid.sub(offset);
    const ask = innerAsk.add(offset);
    if (bid.isPositive()) bids.push({ level, price: bid });
    if (ask.isPositive()) asks.push({ level, price: ask });
  }
  return { bids, asks };
}
