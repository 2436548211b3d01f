import { describe, expect, it } from 'vitest';
import { Decimal } from '@perp/decimal';
import {
  applyFill,
  entryPrice,
  flatPosition,
  parseAccountId,
  unrealizedPnl,
  unwrap,
  type OrderSide,
  type Position,
  type PositionFill,
} from './index.ts';
import { ALICE, BOB, BTC_PERP, d } from './test-support/fixtures.ts';
import { prng, SEEDS, type Prng } from './test-support/prng.ts';

const LOT = d('0.001');
const TICK = d('0.5');
const FILLS = 400;

const randomQuantity = (random: Prng) => Decimal.fromInt(random.int(1, 3_000)).mul(LOT);
const randomPrice = (random: Prng) => Decimal.fromInt(random.int(100_000, 140_000)).mul(TICK);
// Marks are not on the tick grid: they come from index prices.
const randomMark = (random: Prng) =>
  Decimal.fromUnits(
    BigInt(random.int(50_000, 70_000)) * 10n ** 18n +
      BigInt(random.int(0, 999_999_999)) * 10n ** 9n,
  );
const opposite = (side: OrderSide): OrderSide => (side === 'buy' ? 'sell' : 'buy');
const signed = (side: OrderSide, quantity: Decimal) => (side === 'buy' ? quantity : quantity.neg());
const TOLERANCE = d('0.000000000001');
/** How much of a position a fill closes: zero when it opens or adds. */
const reducedBy = (held: Decimal, side: OrderSide, quantity: Decimal) =>
  (side === 'buy' ? held.isNegative() : held.isPositive())
    ? quantity.min(held.abs())
    : Decimal.ZERO;
const totalPnl = (position: Position, mark: Decimal) =>
  position.realizedPnl.add(unrealizedPnl(position, mark));

describe.each(SEEDS)('position properties (seed %i)', (seed) => {
  it('quantity is the sum of signed fill quantities; PnL is the exact cash flow', () => {
    const random = prng(seed);
    let position = flatPosition(ALICE, BTC_PERP);
    let signedQuantity = Decimal.ZERO;
    let cashFlow = Decimal.ZERO; // -sum(signed quantity x price)
    let fees = Decimal.ZERO;
    let minPrice = Decimal.fromInt(Number.MAX_SAFE_INTEGER);
    let maxPrice = Decimal.ZERO;
    const violations: string[] = [];
    for (let i = 0; i < FILLS; i += 1) {
      const side: OrderSide = random.chance(0.5) ? 'buy' : 'sell';
      const fill: PositionFill = {
        symbol: BTC_PERP,
        side,
        quantity: randomQuantity(random),
        price: randomPrice(random),
        fee: Decimal.fromInt(random.int(-5, 30)).mul(d('0.01')),
      };
      const before = position;
      const change = applyFill(position, fill);
      position = change.position;
      const closed = reducedBy(before.quantity, side, fill.quantity);
      const entryBefore = entryPrice(before);
      if (closed.isPositive() && entryBefore !== null) {
        // Realised PnL is closed x (price - entry) for a long (negated for a short), up to rounding.
        const fair = closed.mul(fill.price.sub(entryBefore), 'half_even');
        const expected = before.quantity.isPositive() ? fair : fair.neg();
        if (change.realizedPnl.sub(expected).abs().gt(TOLERANCE))
          violations.push(`${i}: realised ${change.realizedPnl} != ${expected}`);
      } else if (!change.realizedPnl.isZero()) {
        violations.push(`${i}: realised PnL on an opening fill`);
      }
      signedQuantity = signedQuantity.add(signed(side, fill.quantity));
      cashFlow = cashFlow.sub(signed(side, fill.quantity).mul(fill.price));
      fees = fees.add(fill.fee);
      minPrice = minPrice.min(fill.price);
      maxPrice = maxPrice.max(fill.price);
      const mark = randomMark(random);

      if (!position.quantity.eq(signedQuantity))
        violations.push(`${i}: quantity ${position.quantity} != ${signedQuantity}`);
      if (!position.fees.eq(fees)) violations.push(`${i}: fees`);
      if (position.costBasis.isNegative()) violations.push(`${i}: negative cost basis`);
      if (position.quantity.isZero() !== position.costBasis.isZero())
        violations.push(`${i}: cost basis while flat`);
      const entry = entryPrice(position);
      if (entry !== null && (entry.lt(minPrice) || entry.gt(maxPrice)))
        violations.push(`${i}: entry ${entry} out of range`);
      const expected = cashFlow.add(position.quantity.mul(mark));
      if (!totalPnl(position, mark).eq(expected))
        violations.push(`${i}: PnL ${totalPnl(position, mark)} != ${expected}`);
    }
    expect(violations).toEqual([]);
  });

  it('two accounts trading with each other at one price: PnL sums to zero (before fees)', () => {
    const random = prng(seed);
    let alice = flatPosition(ALICE, BTC_PERP);
    let bob = flatPosition(BOB, BTC_PERP);
    const violations: string[] = [];
    for (let i = 0; i < FILLS; i += 1) {
      const aliceSide: OrderSide = random.chance(0.5) ? 'buy' : 'sell';
      const quantity = randomQuantity(random);
      const price = randomPrice(random);
      const fee = d('1.5');
      alice = applyFill(alice, {
        symbol: BTC_PERP,
        side: aliceSide,
        quantity,
        price,
        fee,
      }).position;
      bob = applyFill(bob, {
        symbol: BTC_PERP,
        side: opposite(aliceSide),
        quantity,
        price,
        fee,
      }).position;
      const mark = randomMark(random);
      const sum = totalPnl(alice, mark).add(totalPnl(bob, mark));
      if (!sum.isZero()) violations.push(`${i}: PnL sums to ${sum}`);
      if (!alice.quantity.add(bob.quantity).isZero())
        violations.push(`${i}: positions do not net out`);
    }
    expect(violations).toEqual([]);
  });

  it('any number of accounts trading among themselves: total PnL stays zero', () => {
    const random = prng(seed);
    const accounts = ['a1', 'a2', 'a3', 'a4', 'a5'].map((name) =>
      flatPosition(unwrap(parseAccountId(name)), BTC_PERP),
    );
    const violations: string[] = [];
    for (let i = 0; i < FILLS; i += 1) {
      const buyer = random.int(0, accounts.length - 1);
      const seller = (buyer + random.int(1, accounts.length - 1)) % accounts.length;
      const quantity = randomQuantity(random);
      const price = randomPrice(random);
      const fee = Decimal.ZERO;
      accounts[buyer] = applyFill(accounts[buyer] as Position, {
        symbol: BTC_PERP,
        side: 'buy',
        quantity,
        price,
        fee,
      }).position;
      accounts[seller] = applyFill(accounts[seller] as Position, {
        symbol: BTC_PERP,
        side: 'sell',
        quantity,
        price,
        fee,
      }).position;
      const mark = randomMark(random);
      const sum = Decimal.sum(accounts.map((position) => totalPnl(position, mark)));
      if (!sum.isZero()) violations.push(`${i}: PnL sums to ${sum}`);
    }
    expect(violations).toEqual([]);
  });
});
