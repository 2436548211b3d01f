import type { Logger } from '@perp/logger';
import { Lease, type RedisKeyspace } from '@perp/redis-adapter';
import type { Redis } from 'ioredis';

export type NotifierRole = 'standby' | 'active' | 'stopped';

/** What only one replica may run: polling Telegram, reading the stream, draining the outbox. */
export interface SingletonWork {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface NotifierSingletonOptions {
  readonly redis: Redis;
  readonly keys: RedisKeyspace;
  readonly name: string;
  readonly owner: string;
  readonly ttlMs: number;
  readonly intervalMs: number;
  readonly work: SingletonWork;
  readonly logger: Logger;
}

/**
 * One active notifier among its replicas, by the platform's Redis lease: the holder polls, reads
 * the events stream and sends; the others stand by (their internal API still serves: it only
 * writes the outbox) and one takes over within the lease's TTL when the holder dies. Two senders
 * would each send the outbox's heads, and two pollers draw Telegram's 409.
 */
export class NotifierSingleton {
  readonly #o: NotifierSingletonOptions;
  readonly #lease: Lease;
  #role: NotifierRole = 'standby';
  /** Start and stop of the work, in order: a loss during a start waits for it. */
  #transition: Promise<void> = Promise.resolve();

  constructor(options: NotifierSingletonOptions) {
    this.#o = options;
    this.#lease = new Lease({
      redis: options.redis,
      keys: options.keys,
      name: options.name,
      owner: options.owner,
      ttlMs: options.ttlMs,
      intervalMs: options.intervalMs,
      onAcquired: (token) => this.#change(() => this.#activate(token)),
      onLost: (token, why) => this.#change(() => this.#standBy(token, why)),
      onError: (error) => options.logger.warn({ err: error }, 'lease renewal failed'),
    });
  }

  get role(): NotifierRole {
    return this.#role;
  }

  start(): void {
    this.#lease.start();
    this.#o.logger.info({ lease: this.#o.name }, 'standby: waiting for the lease');
  }

  /** Stops the work (in-flight sends answered and marked), then hands the lease back. */
  async stop(): Promise<void> {
    await this.#change(async () => {
      if (this.#role === 'active') await this.#o.work.stop();
      this.#role = 'stopped';
    });
    await this.#lease.stop();
  }

  #change(step: () => Promise<void>): Promise<void> {
    this.#transition = this.#transition.then(step).catch((error: unknown) => {
      this.#o.logger.error({ err: error }, 'notifier role change failed');
    });
    return this.#transition;
  }

  async #activate(fencingToken: number): Promise<void> {
    if (this.#role !== 'standby') return;
    await this.#o.work.start();
    this.#role = 'active';
    this.#o.logger.info({ fencingToken }, 'lease taken: polling, consuming and sending');
  }

  async #standBy(fencingToken: number, why: 'lost' | 'released'): Promise<void> {
    if (this.#role !== 'active') return;
    await this.#o.work.stop();
    this.#role = why === 'released' ? 'stopped' : 'standby';
    if (why === 'lost') this.#o.logger.error({ fencingToken }, 'lease lost: standby again');
  }
}
