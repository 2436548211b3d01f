import type { Redis } from 'ioredis';
import type { MarketMakerKeys } from '../market-maker-keys.ts';

export type HaltReason = 'drawdown' | 'daily_loss' | 'operator';

export interface Halt {
  readonly reason: HaltReason;
  readonly at: number;
  readonly detail?: string;
}

/**
 * The kill switch's state, kept in Redis: a halt outlives the process, so a restart or a standby
 * taking over does not quietly resume a bot an operator has not looked at.
 */
export class HaltSwitch {
  readonly #redis: Redis;
  readonly #key: string;
  #halt: Halt | undefined;

  constructor(redis: Redis, keys: MarketMakerKeys, name: string) {
    this.#redis = redis;
    this.#key = keys.halt(name);
  }

  get current(): Halt | undefined {
    return this.#halt;
  }

  /** Reads the stored verdict (at start and on taking the lease). */
  async load(): Promise<Halt | undefined> {
    const text = await this.#redis.get(this.#key);
    this.#halt = text === null ? undefined : (JSON.parse(text) as Halt);
    return this.#halt;
  }

  async halt(halt: Halt): Promise<void> {
    this.#halt = halt;
    await this.#redis.set(this.#key, JSON.stringify(halt));
  }

  async resume(): Promise<void> {
    this.#halt = undefined;
    await this.#redis.del(this.#key);
  }
}
