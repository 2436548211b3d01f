import { describe, expect, it } from 'vitest';
import type { Decimal } from '@perp/decimal';
import {
  computeQuotes,
  planRequote,
  type DesiredQuote,
  type RequoteInput,
  type RestingQuote,
} from './index.ts';
import { BOTH, btc, d, params } from './test-support/fixtures.ts';

const TICK = d('0.5');
const NOW = 1_000_000;
const MAX_AGE = 30_000;

const desired = (reference = '50000'): DesiredQuote[] =>
  computeQuotes(btc(), params(), {
    reference: d(reference),
    variancePerSecond: d('0'),
    position: d('0'),
    sides: BOTH,
  });

/** What the book holds after placing `quotes` at `placedAt`. */
const restingFrom = (quotes: readonly DesiredQuote[], placedAt = NOW - 1_000): RestingQuote[] =>
  quotes.map((q) => ({
    clientOrderId: `mm-BTC-PERP-${q.side === 'buy' ? 'b' : 's'}${q.level}-1`,
    side: q.side,
    price: q.price,
    remainingQuantity: q.quantity,
    placedAt,
  }));

const plan = (overrides: Partial<RequoteInput> & Pick<RequoteInput, 'desired' | 'resting'>) =>
  planRequote({
    tickSize: TICK,
    requoteThresholdTicks: 2,
    sizeTolerance: d('0.25'),
    maxOrderAgeMs: MAX_AGE,
    now: NOW,
    ...overrides,
  });

const ids = (orders: readonly RestingQuote[]) => orders.map((o) => o.clientOrderId);
const movedBy = (
  quotes: readonly DesiredQuote[],
  ticks: number,
  which = (_: DesiredQuote) => true,
) => quotes.map((q) => (which(q) ? { ...q, price: q.price.add(TICK.mul(d(String(ticks)))) } : q));

describe('planRequote', () => {
  it('an unchanged reference places and cancels nothing', () => {
    const quotes = desired();
    const result = plan({ desired: quotes, resting: restingFrom(quotes) });
    expect(result.place).toEqual([]);
    expect(result.cancel).toEqual([]);
    expect(result.keep).toHaveLength(6);
  });

  it('a move under the threshold (one tick, threshold two) changes nothing', () => {
    const resting = restingFrom(desired());
    const result = plan({ desired: movedBy(desired(), 1), resting });
    expect([result.place, result.cancel]).toEqual([[], []]);
    const down = plan({ desired: movedBy(desired(), -1), resting });
    expect([down.place, down.cancel]).toEqual([[], []]);
  });

  it('a move at the threshold replaces every moved order and only those', () => {
    const resting = restingFrom(desired());
    const innerBid = (q: DesiredQuote) => q.side === 'buy' && q.level === 0;
    const result = plan({ desired: movedBy(desired(), 2, innerBid), resting });
    expect(ids(result.cancel)).toEqual(['mm-BTC-PERP-b0-1']);
    expect(result.place).toEqual([expect.objectContaining({ side: 'buy', level: 0 })]);
    expect(result.place[0]?.price.toString()).toBe('49976');
    expect(result.keep).toHaveLength(5);
  });

  it('a big reference move replaces the whole grid', () => {
    const result = plan({ desired: desired('50100'), resting: restingFrom(desired()) });
    expect(result.cancel).toHaveLength(6);
    expect(result.place).toEqual(desired('50100'));
    expect(result.keep).toEqual([]);
  });

  it('replaces orders that reached maxOrderAgeMs, keeps younger ones', () => {
    const quotes = desired();
    const resting = restingFrom(quotes).map((o, i) =>
      i === 1 ? { ...o, placedAt: NOW - MAX_AGE } : { ...o, placedAt: NOW - MAX_AGE + 1 },
    );
    const result = plan({ desired: quotes, resting });
    expect(ids(result.cancel)).toEqual(['mm-BTC-PERP-b1-1']);
    expect(result.place).toEqual([quotes[1]]);
  });

  it('replaces an order filled beyond the size tolerance, keeps one within it', () => {
    const quotes = desired();
    const fill = (order: RestingQuote, remaining: Decimal) => ({
      ...order,
      remainingQuantity: remaining,
    });
    // Level 0 bids 0.1: 0.075 is exactly 25 % off (kept); 0.074 is beyond (replaced).
    const within = restingFrom(quotes).map((o, i) => (i === 0 ? fill(o, d('0.075')) : o));
    expect(plan({ desired: quotes, resting: within }).cancel).toEqual([]);
    const beyond = restingFrom(quotes).map((o, i) => (i === 0 ? fill(o, d('0.074')) : o));
    const result = plan({ desired: quotes, resting: beyond });
    expect(ids(result.cancel)).toEqual(['mm-BTC-PERP-b0-1']);
    expect(result.place).toEqual([quotes[0]]);
    // Too large counts too (the desired size shrank).
    const larger = restingFrom(quotes).map((o, i) => (i === 0 ? fill(o, d('0.126')) : o));
    expect(ids(plan({ desired: quotes, resting: larger }).cancel)).toEqual(['mm-BTC-PERP-b0-1']);
  });

  it('cancels everything when nothing is desired, and places everything on an empty book', () => {
    const quotes = desired();
    expect(plan({ desired: [], resting: restingFrom(quotes) }).cancel).toHaveLength(6);
    expect(plan({ desired: quotes, resting: [] }).place).toEqual(quotes);
  });

  it('never matches across sides, and each order to at most one quote', () => {
    const bid: DesiredQuote = { side: 'buy', level: 0, price: d('100'), quantity: d('1') };
    const ask: RestingQuote = {
      clientOrderId: 'x',
      side: 'sell',
      price: d('100'),
      remainingQuantity: d('1'),
      placedAt: NOW,
    };
    expect(plan({ desired: [bid], resting: [ask] })).toEqual({
      keep: [],
      cancel: [ask],
      place: [bid],
    });

    // Two quotes within reach of one order: it covers the closer; the other is placed.
    const near = { ...bid, level: 1, price: d('100.5') };
    const order = { ...ask, side: 'buy' as const, price: d('100.5') };
    const result = plan({ desired: [bid, near], resting: [order] });
    expect(result.keep).toEqual([order]);
    expect(result.place).toEqual([bid]);
  });

  it('matches the closest order when two compete for one quote', () => {
    const quote: DesiredQuote = { side: 'sell', level: 0, price: d('100'), quantity: d('1') };
    const base = { side: 'sell' as const, remainingQuantity: d('1'), placedAt: NOW };
    const far = { ...base, clientOrderId: 'far', price: d('100.5') };
    const close = { ...base, clientOrderId: 'close', price: d('100') };
    const result = plan({ desired: [quote], resting: [far, close] });
    expect(ids(result.keep)).toEqual(['close']);
    expect(ids(result.cancel)).toEqual(['far']);
  });

  it('gives the same plan whatever order the resting orders come in', () => {
    const resting = restingFrom(desired());
    const moved = desired('50003');
    const forward = plan({ desired: moved, resting });
    const backward = plan({ desired: moved, resting: [...resting].reverse() });
    expect(ids(backward.keep)).toEqual(ids(forward.keep));
    expect(ids(backward.cancel)).toEqual(ids(forward.cancel));
    expect(backward.place).toEqual(forward.place);
    // Bids then asks, innermost first.
    expect(ids(plan({ desired: [], resting: [...resting].reverse() }).cancel)).toEqual(
      ids(resting),
    );
  });

  it('refuses a threshold, tick or age it cannot apply', () => {
    const quotes = desired();
    expect(() => plan({ desired: quotes, resting: [], requoteThresholdTicks: 0 })).toThrow(
      RangeError,
    );
    expect(() => plan({ desired: quotes, resting: [], tickSize: d('0') })).toThrow(RangeError);
    expect(() => plan({ desired: quotes, resting: [], maxOrderAgeMs: 0 })).toThrow(RangeError);
  });
});
