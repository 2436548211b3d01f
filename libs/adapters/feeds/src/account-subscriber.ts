import { setTimeout as sleep } from 'node:timers/promises';
import type { ExecutionReport } from '@perp/contracts';
import type { FeedLogger } from './feed-logger.ts';
import type {
  AccountDropReason,
  AccountSubscribeOptions,
  AccountSubscription,
  ReportListener,
} from './account-subscription.ts';

/** A report for a listener, or `null` for a sequence number whose report could not be read. */
export interface ReportItem {
  readonly seq: number;
  readonly report: ExecutionReport | null;
}

/** The feed as its subscribers see it: it reads the replay stream for them and releases them. */
export interface AccountSubscriberHost {
  readonly logger: FeedLogger;
  readonly maxQueued: number;
  readonly pageSize: number;
  read(accountId: string, afterSeq: number, count: number): Promise<ReportItem[]>;
  /** The delay before retry `attempt` (from 0) of a failed stream read. */
  retryDelay(attempt: number): number;
  release(subscriber: AccountSubscriber): void;
}

type SubscriberState = 'starting' | 'catching_up' | 'live' | 'closed';

/**
 * One listener of one account. `lastSeq` is the last number accepted for delivery: a live report
 * right after it is queued; a later one is held and the gap read from the stream; an earlier or
 * equal one is a repeat and dropped. While replaying or filling a gap, live reports are held and
 * merged when the stream read reaches them.
 */
export class AccountSubscriber implements AccountSubscription {
  readonly accountId: string;
  readonly ready: Promise<number>;
  readonly #listener: ReportListener;
  readonly #onDrop: AccountSubscribeOptions['onDrop'];
  readonly #feed: AccountSubscriberHost;
  readonly #readyResolvers: PromiseWithResolvers<number>;
  #state: SubscriberState = 'starting';
  #lastSeq = 0;
  #deliveredSeq = 0;
  readonly #queue: ReportItem[] = [];
  readonly #held = new Map<number, ReportItem>();
  #pumping = false;
  #drained: PromiseWithResolvers<void> | undefined;
  /** The stream must be read once more before going live (the live channel may have lost some). */
  #rescan = false;

  constructor(
    accountId: string,
    listener: ReportListener,
    onDrop: AccountSubscribeOptions['onDrop'],
    feed: AccountSubscriberHost,
  ) {
    this.accountId = accountId;
    this.#listener = listener;
    this.#onDrop = onDrop;
    this.#feed = feed;
    this.#readyResolvers = Promise.withResolvers<number>();
    this.ready = this.#readyResolvers.promise;
    // Whoever does not await `ready` must not get an unhandled rejection from it.
    this.ready.catch(() => undefined);
  }

  get lastDeliveredSeq(): number {
    return this.#deliveredSeq;
  }

  get active(): boolean {
    return this.#state !== 'closed';
  }

  unsubscribe(): void {
    this.#close();
  }

  /** Starts delivery after `seq`; `replay` reads the stream first (a `since` was given). */
  begin(seq: number, replay: boolean): void {
    if (this.#state !== 'starting') return;
    this.#lastSeq = seq;
    this.#deliveredSeq = seq;
    this.#readyResolvers.resolve(seq);
    this.#absorbHeld();
    if (this.#state !== 'starting') return;
    if (replay || this.#rescan || this.#held.size > 0) {
      this.#state = 'catching_up';
      void this.#catchUp();
    } else {
      this.#state = 'live';
    }
  }

  /** A live report from the account channel. */
  offer(item: ReportItem): void {
    if (this.#state === 'closed') return;
    if (this.#state !== 'starting' && item.seq <= this.#lastSeq) return;
    if (this.#state === 'live' && item.seq === this.#lastSeq + 1) {
      if (this.#queue.length >= this.#feed.maxQueued) {
        this.#overflow();
        return;
      }
      this.#enqueue(item);
      return;
    }
    this.#held.set(item.seq, item);
    if (this.#queue.length + this.#held.size > this.#feed.maxQueued) {
      this.#overflow();
      return;
    }
    if (this.#state === 'live') {
      this.#state = 'catching_up';
      void this.#catchUp();
    }
  }

  /** The live channel may have lost reports (the connection dropped): read the stream again. */
  catchUpAgain(): void {
    if (this.#state === 'live') {
      this.#state = 'catching_up';
      void this.#catchUp();
    } else if (this.#state !== 'closed') {
      this.#rescan = true;
    }
  }

  /** Ends the subscription for `reason` and tells the listener's owner. */
  drop(reason: AccountDropReason, message: string): void {
    if (!this.#close()) return;
    this.#feed.logger.warn(
      { accountId: this.accountId, reason, lastDeliveredSeq: this.#deliveredSeq },
      `account subscription dropped: ${message}`,
    );
    try {
      this.#onDrop?.(reason, message);
    } catch (error) {
      this.#feed.logger.error({ err: error, accountId: this.accountId }, 'onDrop threw');
    }
  }

  /** False if it was closed already. */
  #close(): boolean {
    if (this.#state === 'closed') return false;
    this.#state = 'closed';
    this.#queue.length = 0;
    this.#held.clear();
    this.#readyResolvers.reject(new Error('the subscription ended before it was ready'));
    this.#drained?.resolve();
    this.#feed.release(this);
    return true;
  }

  #overflow(): void {
    this.drop(
      'overflow',
      `more than ${this.#feed.maxQueued} reports waiting for the listener (after seq ${this.#deliveredSeq})`,
    );
  }

  /** Reads the stream after `lastSeq` until it has caught up with the live channel. */
  async #catchUp(): Promise<void> {
    const { pageSize } = this.#feed;
    let failures = 0;
    while (this.#state === 'catching_up') {
      await this.#whenDrained();
      if (this.#state !== 'catching_up') return;
      const from = this.#lastSeq;
      const heldBefore = this.#held.size;
      let items: ReportItem[];
      try {
        items = await this.#feed.read(this.accountId, from, pageSize);
        failures = 0;
      } catch (error) {
        this.#feed.logger.warn(
          { err: error, accountId: this.accountId, after: from },
          'reading the report stream failed; retrying',
        );
        await sleep(this.#feed.retryDelay(failures));
        failures += 1;
        continue;
      }
      // Only this loop moves lastSeq while catching up, so `from` still holds.
      if (this.#state !== 'catching_up') return;
      const first = items[0];
      if (first !== undefined && first.seq !== from + 1) {
        this.drop(
          'history_unavailable',
          `reports ${from + 1} to ${first.seq - 1} are no longer in the replay stream`,
        );
        return;
      }
      for (const item of items) this.#enqueue(item);
      this.#absorbHeld();
      if (this.#state !== 'catching_up') return;
      if (items.length === pageSize) continue;
      if (this.#rescan) {
        this.#rescan = false;
        continue;
      }
      if (this.#held.size === 0) {
        this.#state = 'live';
        return;
      }
      // A held report is in the stream before it is published; if a read made after it arrived
      // does not reach it, the reports before it are gone.
      if (heldBefore > 0 && this.#lastSeq === from) {
        this.drop('history_unavailable', `report ${from + 1} is not in the replay stream`);
        return;
      }
    }
  }

  /** Moves held reports that now follow `lastSeq` into the queue; forgets repeats. */
  #absorbHeld(): void {
    for (const seq of this.#held.keys()) {
      if (seq <= this.#lastSeq) this.#held.delete(seq);
    }
    for (;;) {
      const next = this.#held.get(this.#lastSeq + 1);
      if (next === undefined || this.#state === 'closed') return;
      this.#held.delete(next.seq);
      this.#enqueue(next);
    }
  }

  #enqueue(item: ReportItem): void {
    if (this.#state === 'closed') return;
    this.#lastSeq = item.seq;
    this.#queue.push(item);
    this.#pump();
  }

  #pump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    while (this.#state !== 'closed') {
      const item = this.#queue.shift();
      if (item === undefined) break;
      this.#deliveredSeq = item.seq;
      if (item.report === null) continue;
      let result: void | Promise<void>;
      try {
        result = this.#listener(item.report);
      } catch (error) {
        this.#listenerFailed(error);
        break;
      }
      if (result instanceof Promise) {
        result.then(
          () => {
            this.#pumping = false;
            this.#pump();
          },
          (error: unknown) => {
            this.#pumping = false;
            this.#listenerFailed(error);
          },
        );
        return;
      }
    }
    this.#pumping = false;
    if (this.#queue.length === 0) {
      this.#drained?.resolve();
      this.#drained = undefined;
    }
  }

  #listenerFailed(error: unknown): void {
    this.#feed.logger.error({ err: error, accountId: this.accountId }, 'report listener failed');
    this.drop('listener_failed', `the listener failed: ${(error as Error)?.message ?? error}`);
  }

  #whenDrained(): Promise<void> {
    if (!this.#pumping && this.#queue.length === 0) return Promise.resolve();
    this.#drained ??= Promise.withResolvers<void>();
    return this.#drained.promise;
  }
}
