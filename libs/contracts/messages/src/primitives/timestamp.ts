import { z } from 'zod';
import { unlessMissing } from './issue-message.ts';

const TIMESTAMP_MESSAGE = 'must be an integer timestamp in milliseconds';
const SEQUENCE_MESSAGE = 'must be an integer sequence number';

/** Milliseconds since the epoch, an integer (never an ISO string, never fractional). */
export const TimestampMs = z
  .int({ error: unlessMissing(TIMESTAMP_MESSAGE) })
  .min(0, { error: TIMESTAMP_MESSAGE });
export type TimestampMs = z.infer<typeof TimestampMs>;

/** A per-account execution report sequence number: starts at 1, strictly increasing, no gaps. */
export const Sequence = z
  .int({ error: unlessMissing(SEQUENCE_MESSAGE) })
  .min(1, { error: 'must be at least 1' });
export type Sequence = z.infer<typeof Sequence>;

/** "The last sequence number I have": 0 means none yet, so replay starts at the first report. */
export const SequenceCursor = z
  .int({ error: unlessMissing(SEQUENCE_MESSAGE) })
  .min(0, { error: 'must be at least 0' });
export type SequenceCursor = z.infer<typeof SequenceCursor>;
