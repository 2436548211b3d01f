import type { VenueOrderId } from '@perp/trading-domain';
import { describe, expect, it } from 'vitest';
import type { MatchingCommand, MatchingEvent, OrderSide, TimeInForce } from './index.ts';
import { auditBook } from '../test-support/book-audit.ts';
import { newEngine, ofKind } from '../test-support/engine-harness.ts';
import { cancel, limit, market } from '../test-support/matching-commands.ts';
import { ReferenceBook, type ReferenceStep } from '../test-support/reference-book.ts';
import { SeededRandom } from '../test-support/seeded-random.ts';

// Random flows (seeded, so a failure names its seed and replays) checked after every command:
// against the book's structural invariants, against per-order bookkeeping rebuilt from the events,
// and against a naive reference book that must take exactly the same decisions.

const ACCOUNTS = ['alice', 'bob', 'carol', 'dave'];
const SIDES: readonly OrderSide[] = ['buy', 'sell'];
const TIMES_IN_FORCE: readonly TimeInForce[] = ['gtc', 'gtc', 'gtc', 'ioc', 'fok'];

interface TrackedOrder {
  readonly accountId: string;
  readonly quantityLots: number;
  filledLots: number;
  ended: boolean;
}

function randomCommand(random: SeededRandom, knownIds: readonly string[]): MatchingCommand {
  const roll = random.next();
  const accountId = random.pick(ACCOUNTS);
  const side = random.pick(SIDES);
  if (roll < 0.25 && knownIds.length > 0) {
    // Mostly the owner's id guess is right or wrong at random: foreign and finished ids happen.
    return cancel(accountId, random.chance(0.9) ? random.pick(knownIds) : 'O0');
  }
  const quantityLots = random.chance(0.02) ? 0 : random.int(1, 12);
  if (roll < 0.35) {
    return market(accountId, side, quantityLots, { timeInForce: random.pick(TIMES_IN_FORCE) });
  }
  const timeInForce = random.pick(TIMES_IN_FORCE);
  const postOnly = timeInForce === 'gtc' && random.chance(0.2);
  return limit(accountId, side, random.int(95, 105), quantityLots, { timeInForce, postOnly });
}

function engineSteps(events: readonly MatchingEvent[]): ReferenceStep[] {
  const steps: ReferenceStep[] = [];
  for (const event of events) {
    if (event.kind === 'canceled' && event.reason === 'SELF_TRADE_PREVENTION') {
      steps.push(['stp', event.venueOrderId]);
    } else if (event.kind === 'fill' && event.liquidity === 'maker') {
      steps.push(['fill', event.venueOrderId, event.priceTicks, event.quantityLots]);
    }
  }
  return steps;
}

function runFlow(seed: number, commandCount: number): void {
  const random = new SeededRandom(seed);
  const { engine, book } = newEngine();
  const reference = new ReferenceBook();
  const orders = new Map<VenueOrderId, TrackedOrder>();
  const knownIds: string[] = [];
  let boughtLots = 0;
  let soldLots = 0;
  let lastSeq = 0;

  for (let step = 0; step < commandCount; step += 1) {
    const command = randomCommand(random, knownIds);
    const events = engine.process(command);
    // Plain checks, one assertion per command: thousands of expect() calls would dominate.
    const problems: string[] = [];
    const check = (ok: boolean, problem: string) => {
      if (!ok) problems.push(problem);
    };

    // The reference book decides the same way.
    if (command.kind === 'cancel') {
      const canceled = reference.cancel(command.venueOrderId, command.accountId);
      check(ofKind(events, 'canceled').length === (canceled ? 1 : 0), 'cancel outcome differs');
    } else {
      const accepted = ofKind(events, 'accepted')[0];
      const wouldCross =
        command.orderType === 'limit' && reference.wouldCross(command.side, command.priceTicks);
      if (accepted === undefined) {
        const reason = ofKind(events, 'rejected')[0]?.reason;
        check(reason !== undefined, 'neither accepted nor rejected');
        if (reason === 'POST_ONLY_WOULD_CROSS') check(wouldCross, 'post-only rejected, no cross');
      } else {
        if (command.postOnly === true) check(!wouldCross, 'post-only accepted but crosses');
        const expected = reference.place(accepted.venueOrderId, command);
        const actual = engineSteps(events);
        check(
          JSON.stringify(actual) === JSON.stringify(expected),
          `steps ${JSON.stringify(actual)}, reference ${JSON.stringify(expected)}`,
        );
      }
    }

    // Per-order bookkeeping from the events alone.
    for (const event of events) {
      if (event.kind === 'accepted') {
        orders.set(event.venueOrderId, {
          accountId: event.accountId,
          quantityLots: event.quantityLots,
          filledLots: 0,
          ended: false,
        });
        knownIds.push(event.venueOrderId);
      } else if (event.kind === 'fill') {
        const order = orders.get(event.venueOrderId);
        if (order === undefined || order.ended) {
          problems.push(`fill for ${event.venueOrderId}, not live`);
          continue;
        }
        order.filledLots += event.quantityLots;
        check(event.quantityLots > 0, `empty fill ${event.tradeId}`);
        check(event.filledLots === order.filledLots, `${event.venueOrderId} filled mismatch`);
        check(event.remainingLots >= 0, `${event.venueOrderId} remaining < 0`);
        check(
          event.filledLots + event.remainingLots === order.quantityLots,
          `${event.venueOrderId} filled + remaining != quantity`,
        );
        if (event.side === 'buy') boughtLots += event.quantityLots;
        else soldLots += event.quantityLots;
      } else if (event.kind === 'canceled' || event.kind === 'expired') {
        const order = orders.get(event.venueOrderId);
        if (order === undefined || order.ended) {
          problems.push(`${event.kind} for ${event.venueOrderId}, not live`);
          continue;
        }
        order.ended = true;
        check(
          event.filledLots === order.filledLots,
          `${event.venueOrderId} ended, filled mismatch`,
        );
        check(event.remainingLots > 0, `${event.venueOrderId} ended with nothing left`);
        check(
          event.filledLots + event.remainingLots === order.quantityLots,
          `${event.venueOrderId} ended, filled + remaining != quantity`,
        );
      } else if (event.kind === 'book_update') {
        check(event.seq === lastSeq + 1, `book seq ${event.seq} after ${lastSeq}`);
        lastSeq = event.seq;
      }
    }

    // Each trade pairs a buy fill with a sell fill of the same size and price, two accounts.
    const fills = ofKind(events, 'fill');
    for (const trade of ofKind(events, 'trade')) {
      const pair = fills.filter((f) => f.tradeId === trade.tradeId);
      check(
        pair.length === 2 &&
          pair.some((f) => f.side === 'buy') &&
          pair.some((f) => f.side === 'sell') &&
          pair.some((f) => f.liquidity === 'maker') &&
          pair.some((f) => f.liquidity === 'taker' && f.side === trade.aggressorSide) &&
          pair.every((f) => f.quantityLots === trade.quantityLots) &&
          pair.every((f) => f.priceTicks === trade.priceTicks) &&
          pair[0]?.accountId !== pair[1]?.accountId,
        `trade ${trade.tradeId} is not one buy and one sell fill of two accounts`,
      );
    }
    check(boughtLots === soldLots, `bought ${boughtLots} != sold ${soldLots}`);

    // The book: sound, the same as the reference, and holding exactly the live GTC orders.
    problems.push(...auditBook(book));
    const snapshot = book.depth(1000);
    check(
      JSON.stringify(depth(snapshot.bids)) === JSON.stringify(reference.depth('buy')) &&
        JSON.stringify(depth(snapshot.asks)) === JSON.stringify(reference.depth('sell')),
      'depth differs from the reference',
    );
    for (const [venueOrderId, order] of orders) {
      const resting = book.openOrder(venueOrderId);
      const live = !order.ended && order.filledLots < order.quantityLots;
      check((resting !== undefined) === live, `${venueOrderId} live ${live}, resting ${!live}`);
      if (resting !== undefined) check(resting.filledLots === order.filledLots, `${venueOrderId}`);
      if (!live) orders.delete(venueOrderId);
    }

    if (problems.length > 0) {
      expect(problems, `seed ${seed}, command ${step}: ${JSON.stringify(command)}`).toEqual([]);
    }
  }
  expect(boughtLots).toBeGreaterThan(0);
}

function depth(levels: readonly { priceTicks: number; quantityLots: number }[]): number[][] {
  return levels.map((level) => [level.priceTicks, level.quantityLots]);
}

describe('random flows (seeded)', () => {
  for (const seed of [1, 2, 3, 42, 1337, 20_240_601, 0xdecafbad, 7, 8, 9]) {
    it(`keeps every invariant and agrees with the reference book, seed ${seed}`, () => {
      runFlow(seed, 3_000);
    });
  }
});
