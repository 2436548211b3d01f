import type { Redis } from 'ioredis';
import type { RedisKeyspace } from './redis-keys.ts';
import { redisScript } from './redis-script.ts';

/** What the publisher needs of a report: whose it is and its per-account sequence number. */
export interface SequencedReport {
  readonly accountId: string;
  readonly seq: number;
}

// Appends to the account's replay stream with the id `<seq>-0`. Redis refuses an id not greater
// than the stream's last one, which makes a re-publication after a crash a no-op: the report goes
// to the stream, the events stream and the live channel exactly once, atomically.
const publishReport = redisScript({
  name: 'perpPublishReport',
  numberOfKeys: 3,
  reply: Number,
  lua: `
local added = redis.pcall('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], ARGV[1] .. '-0', 'report', ARGV[2])
if type(added) == 'table' and added.err then
  if string.find(added.err, 'equal or smaller') then return 0 end
  return redis.error_reply(added.err)
end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*', 'type', 'execution_report', 'accountId', ARGV[3], 'seq', ARGV[1], 'report', ARGV[2])
redis.call('PUBLISH', KEYS[3], ARGV[2])
return 1
`,
});

export interface ReportPublisherOptions {
  readonly redis: Redis;
  readonly keys: RedisKeyspace;
  /** Approximate length each account's replay stream is trimmed to. */
  readonly accountStreamLength?: number;
  readonly eventStreamLength?: number;
}

export class ReportPublisher {
  readonly #redis: Redis;
  readonly #keys: RedisKeyspace;
  readonly #accountStreamLength: number;
  readonly #eventStreamLength: number;

  constructor(options: ReportPublisherOptions) {
    this.#redis = options.redis;
    this.#keys = options.keys;
    this.#accountStreamLength = options.accountStreamLength ?? 10_000;
    this.#eventStreamLength = options.eventStreamLength ?? 1_000_000;
  }

  /**
   * Appends a platform event that belongs to no account's report sequence (a trading state set by
   * an operator, a margin alert of the margin-call job) to the events stream, as `type` with its
   * JSON under `event`.
   */
  async publishEvent(type: 'trading_state' | 'margin_alert', event: object): Promise<void> {
    await this.#redis.xadd(
      this.#keys.events,
      'MAXLEN',
      '~',
      String(this.#eventStreamLength),
      '*',
      'type',
      type,
      'event',
      JSON.stringify(event),
    );
  }

  /**
   * Publishes reports in order; each one exactly once however often this is called with it.
   * Resolves with how many were new.
   */
  async publish(reports: readonly SequencedReport[]): Promise<number> {
    const added = await publishReport.batch(
      this.#redis,
      reports.map((report) => ({
        keys: [
          this.#keys.accountReports(report.accountId),
          this.#keys.events,
          this.#keys.accountChannel(report.accountId),
        ],
        args: [
          String(report.seq),
          JSON.stringify(report),
          report.accountId,
          String(this.#accountStreamLength),
          String(this.#eventStreamLength),
        ],
      })),
    );
    return added.reduce((sum, one) => sum + one, 0);
  }
}
