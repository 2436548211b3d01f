import { redisScript, type RedisKeyspace } from '@perp/redis-adapter';
import type { Redis } from 'ioredis';
import type { StreamPosition } from '../sim/stream-position.ts';

// Moves the cursor only while ARGV[1] is the newest fencing token the lease has issued: once a
// standby took the lease over (and so incremented the counter) the old holder can never move it.
// Never moves it backwards within a journal.
const advanceCursor = redisScript({
  name: 'perpVenueCursorAdvance',
  numberOfKeys: 2,
  reply: Number,
  lua: `
if tonumber(redis.call('GET', KEYS[1]) or '0') ~= tonumber(ARGV[1]) then return 0 end
local journal = redis.call('HGET', KEYS[2], 'journalId')
local seq = tonumber(redis.call('HGET', KEYS[2], 'eventSeq') or '-1')
if journal == ARGV[2] and seq >= tonumber(ARGV[3]) then return 1 end
redis.call('HSET', KEYS[2], 'journalId', ARGV[2], 'eventSeq', ARGV[3], 'fencingToken', ARGV[1])
return 1
`,
});

export interface VenueCursorOptions {
  readonly redis: Redis;
  readonly keys: RedisKeyspace;
  /** The lease's name (`venue:<venue>`): the cursor lives beside it, in the same hash slot. */
  readonly leaseName: string;
}

/** The last venue event forwarded to the queue, guarded by the lease's fencing token. */
export class VenueCursor {
  readonly #redis: Redis;
  readonly #counterKey: string;
  readonly #cursorKey: string;

  constructor(options: VenueCursorOptions) {
    this.#redis = options.redis;
    this.#counterKey = options.keys.fencingCounter(options.leaseName);
    this.#cursorKey = `${options.keys.lease(options.leaseName)}:cursor`;
  }

  get key(): string {
    return this.#cursorKey;
  }

  async read(): Promise<StreamPosition> {
    const fields = await this.#redis.hgetall(this.#cursorKey);
    const eventSeq = Number(fields['eventSeq'] ?? '0');
    return {
      journalId: fields['journalId'] ?? null,
      eventSeq: Number.isSafeInteger(eventSeq) && eventSeq >= 0 ? eventSeq : 0,
    };
  }

  /** False if `fencingToken` is no longer the newest: this holder has lost the lease. */
  async advance(fencingToken: number, position: StreamPosition): Promise<boolean> {
    if (position.journalId === null) throw new RangeError('a cursor names its journal');
    const result = await advanceCursor(
      this.#redis,
      [this.#counterKey, this.#cursorKey],
      [String(fencingToken), position.journalId, String(position.eventSeq)],
    );
    return result === 1;
  }
}
