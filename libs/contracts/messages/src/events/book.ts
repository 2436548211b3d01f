import { z } from 'zod';
import { NonNegativeDecimal, PositiveDecimal } from '../primitives/decimal.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { SequenceCursor, TimestampMs } from '../primitives/timestamp.ts';

/** Levels per side a book message may carry; public.book `depth` is bounded by the same number. */
export const BOOK_MAX_DEPTH = 1000;

/** `[price, quantity]` of one resting level. */
export const BookLevel = z.tuple([PositiveDecimal, PositiveDecimal]);
export type BookLevel = z.infer<typeof BookLevel>;

/** `[price, quantity]` of a changed level; quantity "0" removes the level. */
export const BookLevelChange = z.tuple([PositiveDecimal, NonNegativeDecimal]);
export type BookLevelChange = z.infer<typeof BookLevelChange>;

/** The book of one symbol at `seq`: bids best (highest) first, asks best (lowest) first. */
export const BookSnapshot = z.strictObject({
  symbol: InstrumentSymbol,
  bids: z.array(BookLevel).max(BOOK_MAX_DEPTH),
  asks: z.array(BookLevel).max(BOOK_MAX_DEPTH),
  seq: SequenceCursor,
  ts: TimestampMs,
});
export type BookSnapshot = z.infer<typeof BookSnapshot>;

/**
 * Changes after a snapshot. Quantities are absolute (the new size at that price), not deltas.
 * Each update's `seq` is the previous one's plus one; a client that sees a gap resubscribes.
 */
export const BookUpdate = z.strictObject({
  symbol: InstrumentSymbol,
  bids: z.array(BookLevelChange).max(BOOK_MAX_DEPTH),
  asks: z.array(BookLevelChange).max(BOOK_MAX_DEPTH),
  seq: z.int().min(1),
  ts: TimestampMs,
});
export type BookUpdate = z.infer<typeof BookUpdate>;
