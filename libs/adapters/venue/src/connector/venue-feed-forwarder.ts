import { deduplicationIdOf, messageGroupIdOf, type CommandEnvelope } from '@perp/contracts';
import { Lease, type RedisKeyspace } from '@perp/redis-adapter';
import type { VenueAccountName, VenueName } from '@perp/trading-domain';
import type { Redis } from 'ioredis';
import type { VenueFeed, VenueFeedOpener } from '../accounts/venue-account-feed.ts';
import type { CommandQueue, VenueConnectorLogger } from './venue-connector.ts';

export interface VenueFeedForwarderOptions {
  readonly venue: VenueName;
  readonly venueAccount: VenueAccountName;
  readonly openFeed: VenueFeedOpener;
  readonly redis: Redis;
  readonly keys: RedisKeyspace;
  /** This replica's unique id (host, pid, random). */
  readonly owner: string;
  readonly queue: CommandQueue;
  readonly logger: VenueConnectorLogger;
  readonly leaseTtlMs?: number;
  readonly leaseIntervalMs?: number;
  /** After the feed could not be opened (keys missing, venue down): wait this long (5 s). */
  readonly retryDelayMs?: number;
}

/**
 * A real venue account's private feed into the orders queue. One replica holds the account's
 * lease (`venue:<venue>:<account>`) and runs the feed; each command goes to the FIFO queue in the
 * feed's order (group = account, deduplication id = the event-derived command id), so a copy sent
 * twice (a reconnect's snapshot, a takeover) is dropped by SQS or by the OMS. These feeds do not
 * replay what they missed while down: the reconciler's fill poll and sweep close those gaps.
 */
export class VenueFeedForwarder {
  readonly #options: VenueFeedForwarderOptions;
  readonly #lease: Lease;
  #feed: Promise<VenueFeed | undefined> | undefined;
  #token = 0;
  #retry: NodeJS.Timeout | undefined;
  #forwarded = 0;

  constructor(options: VenueFeedForwarderOptions) {
    this.#options = options;
    this.#lease = new Lease({
      redis: options.redis,
      keys: options.keys,
      name: `venue:${options.venue}:${options.venueAccount}`,
      owner: options.owner,
      ...(options.leaseTtlMs === undefined ? {} : { ttlMs: options.leaseTtlMs }),
      ...(options.leaseIntervalMs === undefined ? {} : { intervalMs: options.leaseIntervalMs }),
      onAcquired: (token) => this.#acquired(token),
      onLost: (token, why) => this.#lost(token, why),
      onError: (error) => options.logger.warn({ err: error }, 'venue feed lease error'),
    });
  }

  /** True while this replica holds the account's lease (its feed runs, or is being opened). */
  get active(): boolean {
    return this.#lease.held;
  }

  /** Commands this replica sent into the queue. */
  get forwarded(): number {
    return this.#forwarded;
  }

  start(): void {
    this.#lease.start();
  }

  async stop(): Promise<void> {
    await this.#close();
    await this.#lease.stop();
  }

  #acquired(token: number): void {
    this.#token = token;
    this.#options.logger.info(this.#context(), 'venue feed active');
    void this.#close().then(() => this.#open(token));
  }

  #lost(token: number, why: 'lost' | 'released'): void {
    if (token !== this.#token) return;
    if (why === 'lost') this.#options.logger.warn(this.#context(), 'venue feed lease lost');
    else this.#options.logger.info(this.#context(), 'venue feed handed the lease back');
    this.#token = 0;
    void this.#close();
  }

  #open(token: number): void {
    if (token !== this.#token) return;
    const forward = async (command: CommandEnvelope) => {
      // A command of a lost lease is not sent: the new holder's feed carries it.
      if (token !== this.#token) return;
      await this.#options.queue.sendMany([
        {
          body: JSON.stringify(command),
          groupId: messageGroupIdOf(command),
          deduplicationId: deduplicationIdOf(command),
        },
      ]);
      this.#forwarded += 1;
    };
    this.#feed = this.#options.openFeed(forward).catch((error: unknown) => {
      this.#options.logger.warn(
        { ...this.#context(), err: error },
        'venue feed could not be opened; trying again',
      );
      this.#retry = setTimeout(() => {
        this.#feed = undefined;
        this.#open(token);
      }, this.#options.retryDelayMs ?? 5_000);
      this.#retry.unref();
      return undefined;
    });
  }

  async #close(): Promise<void> {
    clearTimeout(this.#retry);
    const feed = await this.#feed;
    this.#feed = undefined;
    await feed?.stop();
  }

  #context() {
    const { venue, venueAccount } = this.#options;
    return { venue, venueAccount, fencingToken: this.#token };
  }
}
