import { AccountId, InstrumentSymbol, OrderId, TimestampMs } from '@perp/contracts';
import { SimOrderRequest } from '@perp/venue-adapter';
import { z } from 'zod';

// One line of the journal: the venue's input, in the order it was applied, with the clock reading
// the engine used. Replaying these through a fresh core rebuilds books, orders and the numbered
// event log exactly: the core is deterministic given its inputs.

export const JOURNAL_VERSION = 1;

/** Journal ids are short and safe inside venue order ids, trade ids and command ids. */
export const JournalId = z.string().regex(/^[a-z0-9]{1,32}$/);

/** The first line: names this journal, so event numbers of different journals never mix. */
export const JournalHeader = z.object({
  kind: z.literal('header'),
  version: z.literal(JOURNAL_VERSION),
  journalId: JournalId,
  createdAt: TimestampMs,
});
export type JournalHeader = z.infer<typeof JournalHeader>;

export const InstrumentSteps = z.object({
  symbol: InstrumentSymbol,
  tickSize: z.string(),
  lotSize: z.string(),
});
export type InstrumentSteps = z.infer<typeof InstrumentSteps>;

/** Instruments and fee rates in force from this point on; written when the config changed them. */
export const SettingsEntry = z.object({
  kind: z.literal('settings'),
  ts: TimestampMs,
  instruments: z.array(InstrumentSteps),
  makerFeeRate: z.string(),
  takerFeeRate: z.string(),
});
export type SettingsEntry = z.infer<typeof SettingsEntry>;

export const PlaceEntry = z.object({
  kind: z.literal('place'),
  ts: TimestampMs,
  order: SimOrderRequest,
});
export type PlaceEntry = z.infer<typeof PlaceEntry>;

export const CancelEntry = z.object({
  kind: z.literal('cancel'),
  ts: TimestampMs,
  accountId: AccountId,
  orderId: OrderId,
  symbol: InstrumentSymbol.nullable(),
});
export type CancelEntry = z.infer<typeof CancelEntry>;

export const JournalEntry = z.discriminatedUnion('kind', [SettingsEntry, PlaceEntry, CancelEntry]);
export type JournalEntry = z.infer<typeof JournalEntry>;

export type VenueSettings = Omit<SettingsEntry, 'kind' | 'ts'>;
