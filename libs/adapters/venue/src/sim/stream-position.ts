/**
 * Where a reader of the sim-venue's event stream stands: the last event it has, within one venue
 * journal. Event numbers restart when the venue's data is reset, under a new `journalId`.
 */
export interface StreamPosition {
  /** Null before the first connection told which journal the numbers belong to. */
  readonly journalId: string | null;
  /** The last event delivered; 0 for none. */
  readonly eventSeq: number;
}

export const STREAM_START: StreamPosition = { journalId: null, eventSeq: 0 };
