import { describe, expect, it } from 'vitest';
import { Decimal } from '@perp/decimal';
import {
  IllegalTransitionError,
  OrderError,
  OrderEventTypes,
  applyOrderEvent,
  canApply,
  createOrder,
  type Order,
  type OrderEvent,
  type OrderEventType,
} from './index.ts';
import { prng, SEEDS, type Prng } from './test-support/prng.ts';
import { d, newOrder, sampleEvents, tradeId } from './test-support/fixtures.ts';

const LOT = d('0.001');
const SEQUENCES = 300;
const STEPS = 25;

function randomEvent(random: Prng, order: Order, step: number): OrderEvent {
  // Fills are weighted up so sequences run long enough to reach late and racing fills.
  const type: OrderEventType = random.chance(0.4) ? 'fill' : random.pick(OrderEventTypes);
  if (type !== 'fill') return { ...sampleEvents[type], ts: step } as OrderEvent;
  // Mostly fills that fit, sometimes exactly the rest, sometimes one lot too many.
  const remainingLots = Number(order.remainingQuantity.units / LOT.units);
  const lots = random.chance(0.15)
    ? remainingLots + 1
    : random.chance(0.2)
      ? remainingLots
      : random.int(1, Math.max(1, Math.ceil(remainingLots / 2)));
  const price = Decimal.fromInt(59_000 + random.int(0, 2_000)).add(
    random.chance(0.5) ? d('0.5') : Decimal.ZERO,
  );
  return {
    type: 'fill',
    tradeId: tradeId(`${step}`),
    quantity: Decimal.fromInt(lots).mul(LOT),
    price,
    fee: d('0.01'),
    liquidity: random.chance(0.5) ? 'maker' : 'taker',
    ts: step,
  };
}

describe.each(SEEDS)('order state machine under random event sequences (seed %i)', (seed) => {
  it('keeps quantity = filled + remaining, never overfills, and matches the table', () => {
    const random = prng(seed);
    let fills = 0;
    let illegal = 0;
    let overfills = 0;
    const violations: string[] = [];
    for (let sequence = 0; sequence < SEQUENCES; sequence += 1) {
      const quantity = Decimal.fromInt(random.int(1, 5_000)).mul(LOT);
      let order = createOrder(newOrder({ quantity }));
      let bookedNotional = Decimal.ZERO;
      let minPrice: Decimal | null = null;
      let maxPrice: Decimal | null = null;
      for (let step = 0; step < STEPS; step += 1) {
        const event = randomEvent(random, order, step);
        const legal = canApply(order.status, event.type);
        try {
          const result = applyOrderEvent(order, event);
          expect(legal).toBe(true);
          if (event.type === 'fill') {
            fills += 1;
            bookedNotional = bookedNotional.add(event.quantity.mul(event.price));
            minPrice = minPrice === null ? event.price : minPrice.min(event.price);
            maxPrice = maxPrice === null ? event.price : maxPrice.max(event.price);
          }
          order = result.order;
        } catch (error) {
          if (error instanceof IllegalTransitionError) {
            expect(legal).toBe(false);
            illegal += 1;
          } else if (error instanceof OrderError && error.code === 'ORDER_OVERFILL') {
            expect(event.type === 'fill' && event.quantity.gt(order.remainingQuantity)).toBe(true);
            overfills += 1;
          } else {
            throw error;
          }
        }
        const violation = invariantViolation(order, bookedNotional, minPrice, maxPrice);
        if (violation !== null) violations.push(`sequence ${sequence} step ${step}: ${violation}`);
      }
    }
    expect(violations).toEqual([]);
    // The generator must actually exercise every branch.
    expect(fills).toBeGreaterThan(100);
    expect(illegal).toBeGreaterThan(100);
    expect(overfills).toBeGreaterThan(0);
  });
});

function invariantViolation(
  order: Order,
  bookedNotional: Decimal,
  minPrice: Decimal | null,
  maxPrice: Decimal | null,
): string | null {
  if (!order.filledQuantity.add(order.remainingQuantity).eq(order.quantity))
    return 'quantity != filled + remaining';
  if (order.filledQuantity.gt(order.quantity)) return 'filled exceeds quantity';
  if (order.remainingQuantity.isNegative()) return 'negative remaining';
  if (!order.filledNotional.eq(bookedNotional))
    return 'filled notional differs from the booked fills';
  if ((order.status === 'filled') !== order.remainingQuantity.isZero())
    return `status ${order.status} vs remaining`;
  if (minPrice === null || maxPrice === null)
    return order.avgFillPrice === null ? null : 'average without fills';
  const avg = order.avgFillPrice;
  if (avg === null || avg.lt(minPrice) || avg.gt(maxPrice))
    return 'average fill price outside the fill prices';
  return null;
}
