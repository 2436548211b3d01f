import { safeParseExecutionReport, type ExecutionReport } from '@perp/contracts';
import { lastPublishedSeq, type RedisKeyspace } from '@perp/redis-adapter';
import type { Redis } from 'ioredis';
import { silentLogger, type FeedLogger } from './feed-logger.ts';

// Execution reports to exactly the sockets of an account, on any gateway replica.
//
// One Redis connection per process in subscriber mode, with one SUBSCRIBE per account that has a
// local subscriber (reference counted: SUBSCRIBE when the first local subscriber of an account
// appears, UNSUBSCRIBE when the last one leaves), not one PSUBSCRIBE of every account channel.
// With a pattern every replica would receive and parse every account's reports, so each added
// replica would add the whole platform's report traffic to every other one: the fan-out would
// grow with replicas x accounts instead of with the accounts a replica holds. SUBSCRIBE costs a
// round trip when an account's first socket subscribes and a few bytes per channel in Redis. The
// channel keys carry the account's hash tag, so on Redis Cluster this can move to sharded
// pub/sub (SSUBSCRIBE) without changing the model.
//
// Redis pub/sub is fire-and-forget, so the per-account replay stream (`<seq>-0` ids, appended by
// the same Lua script before it publishes) is the source of truth: each subscriber keeps the last
// sequence number it was given, reads the stream to replay (`since`), to fill a gap in the live
// messages, and after the subscriber connection was lost, and never delivers a number twice.

/** A report for a listener, or `null` for a sequence number whose report could not be read. */
interface ReportItem {
  readonly seq: number;
  readonly report: ExecutionReport | null;
}

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

/** Which order a first-report waiter waits for; a report matching either id counts. */
export interface OrderMatch {
  readonly orderId?: string;
  readonly clientOrderId?: string;
}

export interface FirstReportOptions {
  readonly timeoutMs: number;
  /** Also consider reports after this sequence number that were published before the wait. */
  readonly since?: number;
}

export interface FirstReportWait {
  /**
   * Resolves once the waiter listens: a report published after this is seen. Queue the command
   * after it (or pass `since`), else the report may come before the waiter listens.
   */
  readonly ready: Promise<number>;
  /** The first matching report; null when none came in time, on `cancel()` or a dropped feed. */
  readonly report: Promise<ExecutionReport | null>;
  cancel(): void;
}

export interface AccountFeedOptions {
  /** For stream reads (XRANGE, XREVRANGE); may be shared with other users. */
  readonly redis: Redis;
  /**
   * A connection of its own that the feed puts into subscriber mode (one per process). The feed
   * neither opens nor closes it; when it reconnects (ioredis does), the feed resubscribes and
   * reads what it missed from the streams.
   */
  readonly subscriber: Redis;
  readonly keys: RedisKeyspace;
  readonly logger?: FeedLogger;
  /**
   * Reports one subscriber may have waiting: live reports that arrive during a replay or gap fill,
   * or while its listener's promise is pending (default 2000). One more drops it (`overflow`).
   */
  readonly maxQueuedReports?: number;
  /** Reports per XRANGE when replaying or filling a gap (default 500). */
  readonly pageSize?: number;
  /** First delay before retrying a failed Redis command, doubled up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
}

interface AccountEntry {
  readonly accountId: string;
  readonly channel: string;
  readonly subscribers: Set<Subscriber>;
  /** True once SUBSCRIBE was confirmed; false if the entry was released before. Never rejects. */
  subscribed: Promise<boolean>;
}

/** What a subscriber needs of its feed. */
interface FeedInternals {
  readonly logger: FeedLogger;
  readonly maxQueued: number;
  readonly pageSize: number;
  read(accountId: string, afterSeq: number, count: number): Promise<ReportItem[]>;
  backoff(attempt: number): number;
  release(subscriber: Subscriber): void;
}

type SubscriberState = 'starting' | 'catching_up' | 'live' | 'closed';

export class AccountFeed {
  readonly #redis: Redis;
  readonly #subscriber: Redis;
  readonly #keys: RedisKeyspace;
  readonly #internals: FeedInternals;
  readonly #retryDelayMs: number;
  readonly #maxRetryDelayMs: number;
  /** By Redis channel. */
  readonly #entries = new Map<string, AccountEntry>();
  #connectionLost = false;
  #closed = false;

  readonly #onMessage = (channel: string, text: string): void => this.#live(channel, text);
  readonly #onClose = (): void => {
    this.#connectionLost = true;
  };
  readonly #onReady = (): void => {
    if (!this.#connectionLost) return;
    this.#connectionLost = false;
    void this.#recover();
  };

  constructor(options: AccountFeedOptions) {
    this.#redis = options.redis;
    this.#subscriber = options.subscriber;
    this.#keys = options.keys;
    this.#retryDelayMs = options.retryDelayMs ?? 100;
    this.#maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
    const logger = options.logger ?? silentLogger;
    this.#internals = {
      logger,
      maxQueued: options.maxQueuedReports ?? 2_000,
      pageSize: options.pageSize ?? 500,
      read: (accountId, afterSeq, count) => this.#read(accountId, afterSeq, count),
      backoff: (attempt) => this.#backoff(attempt),
      release: (subscriber) => this.#release(subscriber),
    };
    this.#subscriber.on('message', this.#onMessage);
    this.#subscriber.on('close', this.#onClose);
    this.#subscriber.on('ready', this.#onReady);
  }

  /** Accounts this process holds a Redis subscription for. */
  get accountCount(): number {
    return this.#entries.size;
  }

  /** Subscriptions across all accounts. */
  get subscriptionCount(): number {
    let count = 0;
    for (const entry of this.#entries.values()) count += entry.subscribers.size;
    return count;
  }

  /**
   * Delivers the account's execution reports to `listener` in `seq` order without gaps or
   * repeats: first those after `since` from the replay stream (when given), then live ones.
   */
  subscribe(
    accountId: string,
    listener: ReportListener,
    options: AccountSubscribeOptions = {},
  ): AccountSubscription {
    if (this.#closed) throw new Error('the account feed is closed');
    const { since } = options;
    if (since !== undefined && (!Number.isSafeInteger(since) || since < 0)) {
      throw new RangeError(`since must be a non-negative integer, got ${since}`);
    }
    const channel = this.#keys.accountChannel(accountId);
    let entry = this.#entries.get(channel);
    if (entry === undefined) {
      const created: AccountEntry = {
        accountId,
        channel,
        subscribers: new Set(),
        subscribed: Promise.resolve(false),
      };
      this.#entries.set(channel, created);
      created.subscribed = this.#subscribeChannel(created);
      entry = created;
    }
    const subscriber = new Subscriber(accountId, listener, options.onDrop, this.#internals);
    entry.subscribers.add(subscriber);
    void this.#start(entry, subscriber, since);
    return subscriber;
  }

  /** The sequence number of the account's last published report (0 when none). */
  lastSeq(accountId: string): Promise<number> {
    return lastPublishedSeq(this.#redis, this.#keys, accountId);
  }

  /**
   * Waits for the first report of one order (for `respType: "result"`), on a subscription of its
   * own that ends with the wait.
   */
  awaitFirstReport(
    accountId: string,
    match: OrderMatch,
    options: FirstReportOptions,
  ): FirstReportWait {
    const { orderId, clientOrderId } = match;
    if (orderId === undefined && clientOrderId === undefined) {
      throw new TypeError('awaitFirstReport needs an orderId or a clientOrderId');
    }
    const result = Promise.withResolvers<ExecutionReport | null>();
    let done = false;
    // Called only from callbacks, after `subscription` and `timer` exist.
    const finish = (report: ExecutionReport | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription.unsubscribe();
      result.resolve(report);
    };
    const subscription = this.subscribe(
      accountId,
      (report) => {
        if (
          (orderId !== undefined && report.orderId === orderId) ||
          (clientOrderId !== undefined && report.clientOrderId === clientOrderId)
        ) {
          finish(report);
        }
      },
      {
        ...(options.since === undefined ? {} : { since: options.since }),
        onDrop: () => finish(null),
      },
    );
    const timer = setTimeout(() => finish(null), options.timeoutMs);
    return { ready: subscription.ready, report: result.promise, cancel: () => finish(null) };
  }

  /** Ends every subscription (`feed_closed`) and releases the Redis subscriptions. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const entry of [...this.#entries.values()]) {
      for (const subscriber of [...entry.subscribers]) {
        subscriber.drop('feed_closed', 'the account feed was closed');
      }
    }
    this.#subscriber.off('message', this.#onMessage);
    this.#subscriber.off('close', this.#onClose);
    this.#subscriber.off('ready', this.#onReady);
  }

  async #start(entry: AccountEntry, subscriber: Subscriber, since: number | undefined) {
    if (!(await entry.subscribed) || !subscriber.active) return;
    if (since !== undefined) {
      subscriber.begin(since, true);
      return;
    }
    // The subscription is active before this read is sent, so every report after the number it
    // returns arrives live.
    for (let attempt = 0; subscriber.active; attempt += 1) {
      try {
        const last = await this.lastSeq(entry.accountId);
        if (subscriber.active) subscriber.begin(last, false);
        return;
      } catch (error) {
        this.#internals.logger.warn(
          { err: error, accountId: entry.accountId },
          'could not read the last report number; retrying',
        );
        await sleep(this.#backoff(attempt));
      }
    }
  }

  async #subscribeChannel(entry: AccountEntry): Promise<boolean> {
    for (let attempt = 0; this.#entries.get(entry.channel) === entry; attempt += 1) {
      try {
        await this.#subscriber.subscribe(entry.channel);
        return this.#entries.get(entry.channel) === entry;
      } catch (error) {
        this.#internals.logger.warn(
          { err: error, accountId: entry.accountId },
          'SUBSCRIBE failed; retrying',
        );
        await sleep(this.#backoff(attempt));
      }
    }
    return false;
  }

  #release(subscriber: Subscriber): void {
    const channel = this.#keys.accountChannel(subscriber.accountId);
    const entry = this.#entries.get(channel);
    if (entry === undefined || !entry.subscribers.delete(subscriber)) return;
    if (entry.subscribers.size > 0) return;
    this.#entries.delete(channel);
    // Commands on one connection run in order: a later SUBSCRIBE of the same account wins.
    this.#subscriber.unsubscribe(channel).catch((error: unknown) => {
      this.#internals.logger.warn(
        { err: error, accountId: entry.accountId },
        'UNSUBSCRIBE failed (the connection resubscribes only what is still wanted)',
      );
    });
  }

  /** The subscriber connection is back: make sure of the subscriptions, then read what was lost. */
  async #recover(): Promise<void> {
    const channels = [...this.#entries.keys()];
    if (channels.length === 0) return;
    try {
      await this.#subscriber.subscribe(...channels);
    } catch (error) {
      this.#internals.logger.warn(
        { err: error },
        'resubscribing failed; waiting for the next ready',
      );
      return;
    }
    // An account released meanwhile sent its UNSUBSCRIBE after this SUBSCRIBE: it stays released.
    this.#internals.logger.info(
      { accounts: channels.length },
      'account feed reconnected: reading what was missed from the streams',
    );
    for (const entry of this.#entries.values()) {
      for (const subscriber of entry.subscribers) subscriber.catchUpAgain();
    }
  }

  #live(channel: string, text: string): void {
    const entry = this.#entries.get(channel);
    if (entry === undefined) return;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.#internals.logger.error({ accountId: entry.accountId }, 'live report is not JSON');
      return;
    }
    const seq = (raw as { seq?: unknown } | null)?.seq;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) {
      this.#internals.logger.error({ accountId: entry.accountId }, 'live report without a seq');
      return;
    }
    const item = this.#item(entry.accountId, seq, raw);
    // A copy: listeners may subscribe or unsubscribe while it is delivered.
    for (const subscriber of [...entry.subscribers]) subscriber.offer(item);
  }

  async #read(accountId: string, afterSeq: number, count: number): Promise<ReportItem[]> {
    const entries = await this.#redis.xrange(
      this.#keys.accountReports(accountId),
      `(${afterSeq}-0`,
      '+',
      'COUNT',
      count,
    );
    return entries.map(([id, fields]) => {
      const seq = Number(id.split('-')[0]);
      const index = fields.indexOf('report');
      let raw: unknown = null;
      try {
        raw = JSON.parse(fields[index + 1] ?? 'null');
      } catch {
        raw = null;
      }
      return this.#item(accountId, seq, raw);
    });
  }

  /** A report that does not validate is logged and skipped, so it cannot stall the account. */
  #item(accountId: string, seq: number, raw: unknown): ReportItem {
    const parsed = safeParseExecutionReport(raw);
    if (parsed.ok && parsed.value.seq === seq && parsed.value.accountId === accountId) {
      return { seq, report: parsed.value };
    }
    this.#internals.logger.error(
      { accountId, seq, err: parsed.ok ? undefined : parsed.error },
      'unreadable execution report skipped',
    );
    return { seq, report: null };
  }

  #backoff(attempt: number): number {
    return Math.min(this.#maxRetryDelayMs, this.#retryDelayMs * 2 ** Math.min(attempt, 16));
  }
}

/**
 * One listener of one account. `lastSeq` is the last number accepted for delivery: a live report
 * right after it is queued; a later one is held and the gap read from the stream; an earlier or
 * equal one is a repeat and dropped. While replaying or filling a gap, live reports are held and
 * merged when the stream read reaches them.
 */
class Subscriber implements AccountSubscription {
  readonly accountId: string;
  readonly ready: Promise<number>;
  readonly #listener: ReportListener;
  readonly #onDrop: AccountSubscribeOptions['onDrop'];
  readonly #feed: FeedInternals;
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
    feed: FeedInternals,
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
        await sleep(this.#feed.backoff(failures));
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
