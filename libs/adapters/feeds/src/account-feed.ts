import { setTimeout as sleep } from 'node:timers/promises';
import { safeParseExecutionReport, type ExecutionReport } from '@perp/contracts';
import { lastPublishedSeq, type RedisKeyspace } from '@perp/redis-adapter';
import { backoff, type Backoff } from '@perp/retry';
import type { Redis } from 'ioredis';
import {
  AccountSubscriber,
  type AccountSubscriberHost,
  type ReportItem,
} from './account-subscriber.ts';
import type {
  AccountSubscribeOptions,
  AccountSubscription,
  ReportListener,
} from './account-subscription.ts';
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

/** Which order a first-report waiter waits for; a report matching either id counts. */
export interface OrderMatch {
  readonly orderId?: string;
  readonly clientOrderId?: string;
}

export interface FirstReportOptions {
  readonly timeoutMs: number;
  /** Also consider reports after this sequence number that were published before the wait. */
  readonly since?: number;
  /** Which of the order's reports ends the wait (default: its first). */
  readonly accept?: (report: ExecutionReport) => boolean;
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
  /**
   * Retries of a failed Redis command wait a jittered delay under a ceiling that starts at
   * `retryDelayMs` (100) and doubles up to `maxRetryDelayMs` (5 s), so that the gateway replicas
   * do not come back together after a Redis outage.
   */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
}

interface AccountEntry {
  readonly accountId: string;
  readonly channel: string;
  readonly subscribers: Set<AccountSubscriber>;
  /** True once SUBSCRIBE was confirmed; false if the entry was released before. Never rejects. */
  subscribed: Promise<boolean>;
}

export class AccountFeed {
  readonly #redis: Redis;
  readonly #subscriber: Redis;
  readonly #keys: RedisKeyspace;
  readonly #host: AccountSubscriberHost;
  readonly #retryDelay: Backoff;
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
    this.#retryDelay = backoff({
      initialMs: options.retryDelayMs ?? 100,
      maxMs: options.maxRetryDelayMs ?? 5_000,
    });
    const logger = options.logger ?? silentLogger;
    this.#host = {
      logger,
      maxQueued: options.maxQueuedReports ?? 2_000,
      pageSize: options.pageSize ?? 500,
      read: (accountId, afterSeq, count) => this.#read(accountId, afterSeq, count),
      retryDelay: this.#retryDelay,
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
    const subscriber = new AccountSubscriber(accountId, listener, options.onDrop, this.#host);
    entry.subscribers.add(subscriber);
    void this.#start(entry, subscriber, since);
    return subscriber;
  }

  /** The sequence number of the account's last published report (0 when none). */
  lastSeq(accountId: string): Promise<number> {
    return lastPublishedSeq(this.#redis, this.#keys, accountId);
  }

  /**
   * Waits for the first report of one order that `accept` takes (for `respType: "result"`), on a
   * subscription of its own that ends with the wait.
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
        const ours =
          (orderId !== undefined && report.orderId === orderId) ||
          (clientOrderId !== undefined && report.clientOrderId === clientOrderId);
        if (ours && (options.accept?.(report) ?? true)) finish(report);
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

  async #start(entry: AccountEntry, subscriber: AccountSubscriber, since: number | undefined) {
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
        this.#host.logger.warn(
          { err: error, accountId: entry.accountId },
          'could not read the last report number; retrying',
        );
        await sleep(this.#retryDelay(attempt));
      }
    }
  }

  async #subscribeChannel(entry: AccountEntry): Promise<boolean> {
    for (let attempt = 0; this.#entries.get(entry.channel) === entry; attempt += 1) {
      try {
        await this.#subscriber.subscribe(entry.channel);
        return this.#entries.get(entry.channel) === entry;
      } catch (error) {
        this.#host.logger.warn(
          { err: error, accountId: entry.accountId },
          'SUBSCRIBE failed; retrying',
        );
        await sleep(this.#retryDelay(attempt));
      }
    }
    return false;
  }

  #release(subscriber: AccountSubscriber): void {
    const channel = this.#keys.accountChannel(subscriber.accountId);
    const entry = this.#entries.get(channel);
    if (entry === undefined || !entry.subscribers.delete(subscriber)) return;
    if (entry.subscribers.size > 0) return;
    this.#entries.delete(channel);
    // Commands on one connection run in order: a later SUBSCRIBE of the same account wins.
    this.#subscriber.unsubscribe(channel).catch((error: unknown) => {
      this.#host.logger.warn(
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
      this.#host.logger.warn({ err: error }, 'resubscribing failed; waiting for the next ready');
      return;
    }
    // An account released meanwhile sent its UNSUBSCRIBE after this SUBSCRIBE: it stays released.
    this.#host.logger.info(
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
      this.#host.logger.error({ accountId: entry.accountId }, 'live report is not JSON');
      return;
    }
    const seq = (raw as { seq?: unknown } | null)?.seq;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) {
      this.#host.logger.error({ accountId: entry.accountId }, 'live report without a seq');
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
    this.#host.logger.error(
      { accountId, seq, err: parsed.ok ? undefined : parsed.error },
      'unreadable execution report skipped',
    );
    return { seq, report: null };
  }
}
