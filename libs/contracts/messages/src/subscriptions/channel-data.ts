import { z } from 'zod';
import { AccountSnapshot } from '../events/account-snapshot.ts';
import { BookSnapshot, BookUpdate } from '../events/book.ts';
import { ExecutionReport } from '../events/execution-report.ts';
import { Order } from '../events/order.ts';
import { Position } from '../events/position.ts';
import { SequenceCursor } from '../primitives/timestamp.ts';

// What each channel's notifications carry. A channel that starts with a snapshot sends
// `{ snapshot: true, <what>: ... }` once, then bare updates (which never have a `snapshot` key),
// so a client tells them apart by one test on every channel.

/**
 * Open orders when the subscription starts. `seq`, when present, is the last execution report
 * reflected in it: later reports apply on top, earlier ones are already included.
 */
export const OrdersChannelSnapshot = z.strictObject({
  snapshot: z.literal(true),
  orders: z.array(Order),
  seq: SequenceCursor.optional(),
});
export type OrdersChannelSnapshot = z.infer<typeof OrdersChannelSnapshot>;

export const OrdersChannelData = z.union([OrdersChannelSnapshot, ExecutionReport]);
export type OrdersChannelData = z.infer<typeof OrdersChannelData>;

export const PositionsChannelSnapshot = z.strictObject({
  snapshot: z.literal(true),
  positions: z.array(Position),
});
export type PositionsChannelSnapshot = z.infer<typeof PositionsChannelSnapshot>;

export const PositionsChannelData = z.union([PositionsChannelSnapshot, Position]);
export type PositionsChannelData = z.infer<typeof PositionsChannelData>;

export const AccountChannelSnapshot = z.strictObject({
  snapshot: z.literal(true),
  account: AccountSnapshot,
});
export type AccountChannelSnapshot = z.infer<typeof AccountChannelSnapshot>;

export const AccountChannelData = z.union([AccountChannelSnapshot, AccountSnapshot]);
export type AccountChannelData = z.infer<typeof AccountChannelData>;

export const BookChannelSnapshot = z.strictObject({
  snapshot: z.literal(true),
  book: BookSnapshot,
});
export type BookChannelSnapshot = z.infer<typeof BookChannelSnapshot>;

export const BookChannelData = z.union([BookChannelSnapshot, BookUpdate]);
export type BookChannelData = z.infer<typeof BookChannelData>;
