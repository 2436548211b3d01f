import { deduplicationIdOf, messageGroupIdOf } from '@perp/contracts';
import { Lease, type RedisKeyspace } from '@perp/redis-adapter';
import { backoff, type Backoff } from '@perp/retry';
import type { OutgoingMessage } from '@perp/sqs-adapter';
import type { Redis } from 'ioredis';
import type { VenueName } from '@perp/trading-domain';
import type { SimOrderEvent } from '../sim/protocol/order-events.ts';
import { SimVenueEventStream } from '../sim/sim-venue-event-stream.ts';
import type { StreamPosition } from '../sim/stream-position.ts';
import { venueEventCommand } from './venue-commands.ts';
import { VenueCursor } from './venue-cursor.ts';

export interface VenueConnectorLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Where the commands go: a FifoQueueProducer on the orders queue. */
export interface CommandQueue {
  sendMany(messages: readonly OutgoingMessage[]): Promise<void>;
}

export interface VenueConnectorOptions {
  /** The venue's name (`sim`): the lease is `venue:<venue>`, commands say `venue: <venue>`. */
  readonly venue: VenueName;
  /** The sim-venue's base URL. */
  readonly venueUrl: string;
  readonly redis: Redis;
  readonly keys: RedisKeyspace;
  /** This replica's unique id (host, pid, random). */
  readonly owner: string;
  readonly queue: CommandQueue;
  readonly logger: VenueConnectorLogger;
  /** Events that arrive within this window share one send (default 5 ms). */
  readonly batchWindowMs?: number;
  /** A batch is sent at once when it reaches this many events (default 100). */
  readonly maxBatchSize?: number;
  /**
   * Events waiting for a slow queue beyond this (default 50 000) are dropped and read again from
   * the cursor later, so memory stays bounded.
   */
  readonly maxPendingEvents?: number;
  readonly leaseTtlMs?: number;
  readonly leaseIntervalMs?: number;
  /**
   * After a failed send or cursor write: a jittered pause under a ceiling that starts at
   * `retryDelayMs` (200) and doubles up to `maxRetryDelayMs` (5 s).
   */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** Passed to the event stream: its reconnect backoff and idle timeout. */
  readonly streamReconnectDelayMs?: number;
  readonly streamIdleTimeoutMs?: number;
  readonly clock?: () => number;
}

interface Pending {
  readonly event: SimOrderEvent;
  readonly position: StreamPosition;
}

/**
 * Makes the venue's private events into `venue.*` queue commands. One replica per venue holds
 * the lease (`venue:<venue>`) and forwards; the others stand by. The holder reads its cursor (the
 * last event forwarded) from Redis, streams from there, sends each batch to the FIFO queue
 * (group = account, deduplication id = the event-derived command id) and only then advances the
 * cursor, fenced by its lease token. A crash anywhere therefore re-sends, never skips, and the
 * copies deduplicate. Losing the lease stops the stream at once.
 */
export class VenueConnector {
  readonly #options: VenueConnectorOptions;
  readonly #lease: Lease;
  readonly #cursor: VenueCursor;
  #session: Session | undefined;
  #forwarded: StreamPosition | undefined;

  constructor(options: VenueConnectorOptions) {
    this.#options = options;
    const leaseName = `venue:${options.venue}`;
    this.#cursor = new VenueCursor({ redis: options.redis, keys: options.keys, leaseName });
    this.#lease = new Lease({
      redis: options.redis,
      keys: options.keys,
      name: leaseName,
      owner: options.owner,
      ...(options.leaseTtlMs === undefined ? {} : { ttlMs: options.leaseTtlMs }),
      ...(options.leaseIntervalMs === undefined ? {} : { intervalMs: options.leaseIntervalMs }),
      onAcquired: (token) => this.#acquired(token),
      onLost: (token, why) => this.#lost(token, why),
      onError: (error) => options.logger.warn({ err: error }, 'venue connector lease error'),
    });
  }

  /** True while this replica holds the lease and forwards events. */
  get active(): boolean {
    return this.#session !== undefined && !this.#session.stopped;
  }

  /** The last event this replica forwarded and recorded in the cursor. */
  get forwarded(): StreamPosition | undefined {
    return this.#forwarded;
  }

  start(): void {
    this.#lease.start();
  }

  /** Stops streaming, finishes the batch in flight, then hands the lease over. */
  async stop(): Promise<void> {
    await this.#session?.drain();
    await this.#lease.stop();
  }

  #acquired(token: number): void {
    this.#options.logger.info(
      { venue: this.#options.venue, fencingToken: token },
      'venue connector active',
    );
    this.#session?.stop();
    const session = new Session(this.#options, this.#cursor, token, (position) => {
      this.#forwarded = position;
    });
    this.#session = session;
    session.begin();
  }

  #lost(token: number, why: 'lost' | 'released'): void {
    const session = this.#session;
    if (session === undefined || session.token !== token) return;
    const context = { venue: this.#options.venue, fencingToken: token };
    if (why === 'released')
      this.#options.logger.info(context, 'venue connector handed the lease back');
    else this.#options.logger.warn(context, 'venue connector lost lease');
    session.stop();
    this.#session = undefined;
  }
}

/** The work done under one fencing token. */
class Session {
  readonly token: number;
  readonly #options: VenueConnectorOptions;
  readonly #cursor: VenueCursor;
  readonly #onForwarded: (position: StreamPosition) => void;
  #stream: SimVenueEventStream | undefined;
  #pending: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;
  readonly #retryDelay: Backoff;
  #failures = 0;
  #restartTimer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    options: VenueConnectorOptions,
    cursor: VenueCursor,
    token: number,
    onForwarded: (position: StreamPosition) => void,
  ) {
    this.#options = options;
    this.#cursor = cursor;
    this.token = token;
    this.#onForwarded = onForwarded;
    this.#retryDelay = backoff({
      initialMs: options.retryDelayMs ?? 200,
      maxMs: options.maxRetryDelayMs ?? 5_000,
    });
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  begin(): void {
    void this.#open();
  }

  /** At once: no event is taken or sent after this (a send already in flight cannot be recalled). */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#restartTimer);
    this.#pending = [];
    void this.#stream?.stop();
    this.#stream = undefined;
  }

  /** Graceful: stop taking events, forward what was taken, then stop. */
  async drain(): Promise<void> {
    const stream = this.#stream;
    this.#stream = undefined;
    await stream?.stop();
    clearTimeout(this.#timer);
    while (!this.#stopped && (this.#flushing !== undefined || this.#pending.length > 0)) {
      await (this.#flushing ?? this.#flush());
    }
    this.stop();
  }

  async #open(): Promise<void> {
    let from: StreamPosition;
    try {
      from = await this.#cursor.read();
    } catch (error) {
      this.#retryLater(error, 'could not read the venue cursor');
      return;
    }
    if (this.#stopped) return;
    this.#options.logger.info({ from }, 'venue connector resumes');
    const stream = new SimVenueEventStream({
      baseUrl: this.#options.venueUrl,
      from,
      onEvent: (event, position) => this.#take(event, position),
      logger: this.#options.logger,
      ...(this.#options.streamReconnectDelayMs === undefined
        ? {}
        : { reconnectDelayMs: this.#options.streamReconnectDelayMs }),
      ...(this.#options.streamIdleTimeoutMs === undefined
        ? {}
        : { idleTimeoutMs: this.#options.streamIdleTimeoutMs }),
    });
    this.#stream = stream;
    stream.start();
  }

  #take(event: SimOrderEvent, position: StreamPosition): void {
    if (this.#stopped) throw new Error('the connector session has stopped');
    if (this.#pending.length >= (this.#options.maxPendingEvents ?? 50_000)) {
      this.#retryLater(new Error('the queue falls behind'), 'too many venue events pending');
      return;
    }
    this.#pending.push({ event, position });
    if (this.#pending.length >= (this.#options.maxBatchSize ?? 100)) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      void this.#flush();
    } else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        void this.#flush();
      }, this.#options.batchWindowMs ?? 5);
    }
  }

  /** One batch at a time, so the cursor only ever moves forward over sent events. */
  #flush(): Promise<void> {
    if (this.#flushing !== undefined) return this.#flushing;
    if (this.#pending.length === 0 || this.#stopped) return Promise.resolve();
    const batch = this.#pending.splice(0, this.#options.maxBatchSize ?? 100);
    this.#flushing = this.#send(batch).finally(() => {
      this.#flushing = undefined;
      if (this.#pending.length > 0 && this.#timer === undefined && !this.#stopped) {
        void this.#flush();
      }
    });
    return this.#flushing;
  }

  async #send(batch: readonly Pending[]): Promise<void> {
    const last = batch[batch.length - 1];
    if (last === undefined) return;
    const receivedAt = (this.#options.clock ?? Date.now)();
    const messages: OutgoingMessage[] = [];
    for (const { event, position } of batch) {
      const mapped = venueEventCommand(event, {
        venue: this.#options.venue,
        journalId: position.journalId ?? '',
        receivedAt,
      });
      if (!mapped.ok) {
        // Repeating cannot make it valid, and holding it back would stall every account.
        this.#options.logger.error(
          { eventSeq: event.eventSeq, kind: event.kind, reason: mapped.reason },
          'venue event skipped: no valid command',
        );
        continue;
      }
      const { command } = mapped;
      messages.push({
        body: JSON.stringify(command),
        groupId: messageGroupIdOf(command),
        deduplicationId: deduplicationIdOf(command),
      });
    }
    try {
      if (messages.length > 0) await this.#options.queue.sendMany(messages);
      if (this.#stopped) return;
      const advanced = await this.#cursor.advance(this.token, last.position);
      if (!advanced) {
        this.#options.logger.warn({ fencingToken: this.token }, 'venue cursor fenced: lease lost');
        this.stop();
        return;
      }
      this.#failures = 0;
      this.#onForwarded(last.position);
      this.#options.logger.debug(
        { events: batch.length, eventSeq: last.position.eventSeq },
        'venue events forwarded',
      );
    } catch (error) {
      this.#retryLater(error, 'could not forward venue events');
    }
  }

  /** Starts over from the cursor after a pause: what was not recorded there is sent again. */
  #retryLater(error: unknown, message: string): void {
    if (this.#stopped) return;
    const delay = this.#retryDelay(this.#failures);
    this.#failures += 1;
    this.#options.logger.warn({ err: error, retryInMs: delay }, message);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = [];
    void this.#stream?.stop();
    this.#stream = undefined;
    this.#restartTimer = setTimeout(() => {
      if (!this.#stopped) void this.#open();
    }, delay);
  }
}
