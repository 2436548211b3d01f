import type { ExecutionReport } from '@perp/contracts';

// What a caller of AccountFeed.subscribe holds: the listener it gives, the options it passes and
// the handle it gets back.

/**
 * Receives one account's execution reports in `seq` order, each once. A returned promise holds
 * back the next report until it settles (backpressure): reports arriving meanwhile wait in the
 * subscriber's bounded queue. A throw or a rejection drops the subscriber (`listener_failed`).
 */
export type ReportListener = (report: ExecutionReport) => void | Promise<void>;

/**
 * Why the feed ended a subscription by itself:
 * - `overflow`: more than `maxQueuedReports` reports were waiting for the listener;
 * - `history_unavailable`: reports the subscriber needs are no longer in the replay stream
 *   (trimmed), so it cannot be given every report after `since`;
 * - `listener_failed`: the listener threw or rejected;
 * - `feed_closed`: the feed was closed (shutdown).
 * The subscriber can resubscribe with `since: lastDeliveredSeq` (or take a fresh snapshot).
 */
export type AccountDropReason =
  'overflow' | 'history_unavailable' | 'listener_failed' | 'feed_closed';

export interface AccountSubscribeOptions {
  /**
   * Replay every report after this sequence number, then continue live. Without it the
   * subscription starts after the account's last report published when it became active.
   */
  readonly since?: number;
  /** Called once if the feed ends the subscription by itself (never after `unsubscribe`). */
  readonly onDrop?: (reason: AccountDropReason, message: string) => void;
}

export interface AccountSubscription {
  readonly accountId: string;
  /**
   * Resolves once the Redis subscription is active, with the sequence number delivery starts
   * after (`since`, or the last published report); rejects if the subscription ends before.
   */
  readonly ready: Promise<number>;
  /** The sequence number of the last report handed to the listener (the start before any). */
  readonly lastDeliveredSeq: number;
  /** False once unsubscribed or dropped. */
  readonly active: boolean;
  /** Stops delivery at once; the account's Redis subscription is released with its last user. */
  unsubscribe(): void;
}
