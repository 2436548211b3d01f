import { z } from 'zod';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { TimestampMs } from '../primitives/timestamp.ts';

export const LIST_LIMIT_MAX = 1000;
/** What the server uses when `limit` is absent. */
export const LIST_LIMIT_DEFAULT = 100;

/**
 * Paging of the newest-first lists (orders.history, fills.list): `before` is exclusive, in ms;
 * the next page is asked for with the last item's timestamp.
 */
export const listQueryShape = {
  symbol: InstrumentSymbol.optional(),
  limit: z.int().min(1).max(LIST_LIMIT_MAX).optional(),
  before: TimestampMs.optional(),
};
