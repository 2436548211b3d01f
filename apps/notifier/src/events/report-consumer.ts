import { ExecutionReport, reportFieldsOf, TradingStateEvent } from '@perp/contracts';
import type { Logger } from '@perp/logger';
import { notificationOfReport, reportDedupeKey } from '@perp/notifications';
import { backoff } from '@perp/retry';
import type { AccountId } from '@perp/trading-domain';
import type { Redis } from 'ioredis';
import type { OutboxEntry } from '../store/outbox.ts';

export interface ReportConsumerOptions {
  /** A connection of its own: XREADGROUP BLOCK holds it. */
  readonly redis: Redis;
  readonly stream: string;
  readonly group: string;
  readonly consumer: string;
  /** Writes the notification to the outbox; resolves once it is durable (then the entry is acked). */
  readonly enqueue: (entry: OutboxEntry) => Promise<number>;
  /** The accounts a global or a symbol's trading state concerns: every followed one. */
  readonly followedAccounts: () => Promise<readonly string[]>;
  readonly logger: Logger;
  readonly metrics: { event(outcome: 'notified' | 'ignored' | 'invalid'): void };
  readonly blockMs?: number;
  /** Entries another consumer has held this long are taken over (a replaced instance's). */
  readonly claimIdleMs?: number;
}

type StreamEntry = [id: string, fields: string[]];
type ReadReply = [stream: string, entries: StreamEntry[]][] | null;

const BATCH = 100;

function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

/**
 * Reads the OMS's events stream through a consumer group: at least once, each entry acked only
 * after its notification is in the outbox, so a crash or a database outage re-reads it (from the
 * consumer's pending list) and the outbox's unique key absorbs the repeat.
 */
export class ReportConsumer {
  readonly #o: ReportConsumerOptions;
  readonly #retry = backoff({ initialMs: 200, maxMs: 10_000, jitter: 'equal' });
  #running = false;
  #loop: Promise<void> | undefined;
  #lastClaimAt = 0;

  constructor(options: ReportConsumerOptions) {
    this.#o = options;
  }

  async start(): Promise<void> {
    await this.#ensureGroup();
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop;
  }

  async #ensureGroup(): Promise<void> {
    try {
      // `$`: a new group starts at the stream's end; the history before the notifier existed is
      // not news to anyone.
      await this.#o.redis.xgroup('CREATE', this.#o.stream, this.#o.group, '$', 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error && error.message.includes('BUSYGROUP'))) throw error;
    }
  }

  async #run(): Promise<void> {
    // Our own pending entries first (read but not acked before a crash), then new ones.
    let from = '0';
    let failures = 0;
    while (this.#running) {
      try {
        const entries = await this.#read(from);
        if (from === '0' && entries.length === 0) from = '>';
        for (const [id, fields] of entries) {
          if (!this.#running) return;
          await this.#handle(fields);
          await this.#o.redis.xack(this.#o.stream, this.#o.group, id);
        }
        failures = 0;
        await this.#claimAbandoned();
      } catch (error) {
        failures += 1;
        const waitMs = this.#retry(failures);
        this.#o.logger.warn({ err: error, retryInMs: waitMs }, 'events stream entry not processed');
        // What was read and not acked is read again from the pending list.
        from = '0';
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }

  async #read(from: string): Promise<StreamEntry[]> {
    const { redis, stream, group, consumer } = this.#o;
    const reply = (await redis.xreadgroup(
      'GROUP',
      group,
      consumer,
      'COUNT',
      BATCH,
      'BLOCK',
      from === '>' ? (this.#o.blockMs ?? 1_000) : 1,
      'STREAMS',
      stream,
      from,
    )) as ReadReply;
    return reply?.[0]?.[1] ?? [];
  }

  async #handle(fields: readonly string[]): Promise<void> {
    const { logger, metrics } = this.#o;
    const field = (name: string) => {
      const at = fields.indexOf(name);
      return at >= 0 && at % 2 === 0 ? fields[at + 1] : undefined;
    };
    const type = field('type');
    if (type === 'trading_state') return this.#tradingState(field('event'));
    if (type !== 'execution_report') return metrics.event('ignored');
    const json = parseJson(field('report'));
    const parsed = ExecutionReport.safeParse(json);
    if (!parsed.success) {
      // A poison entry would block the stream for good: it is logged, counted and acked.
      logger.error({ issues: parsed.error.issues.slice(0, 5) }, 'invalid execution report');
      return metrics.event('invalid');
    }
    const notification = notificationOfReport(reportFieldsOf(parsed.data));
    const dedupeKey = notification && reportDedupeKey(notification);
    if (!notification || !dedupeKey) return metrics.event('ignored');
    await this.#o.enqueue({ accountId: notification.accountId, dedupeKey, notification });
    metrics.event('notified');
  }

  async #tradingState(text: string | undefined): Promise<void> {
    const parsed = TradingStateEvent.safeParse(parseJson(text));
    if (!parsed.success) {
      this.#o.logger.error(
        { issues: parsed.error.issues.slice(0, 5) },
        'invalid trading state event',
      );
      return this.#o.metrics.event('invalid');
    }
    const change = parsed.data;
    const accounts =
      change.scope === 'account' ? [change.target] : await this.#o.followedAccounts();
    for (const accountId of accounts)
      await this.#o.enqueue({
        accountId,
        dedupeKey: `tradingState:${change.commandId}`,
        notification: {
          type: 'tradingState',
          accountId: accountId as AccountId,
          scope: change.scope,
          target: change.target ?? null,
          state: change.state,
          ts: change.ts,
        },
      });
    this.#o.metrics.event(accounts.length > 0 ? 'notified' : 'ignored');
  }

  /** Entries a vanished consumer read and never acked become ours after `claimIdleMs`. */
  async #claimAbandoned(): Promise<void> {
    const idleMs = this.#o.claimIdleMs ?? 60_000;
    if (Date.now() - this.#lastClaimAt < idleMs) return;
    this.#lastClaimAt = Date.now();
    const { redis, stream, group, consumer } = this.#o;
    const [, claimed] = (await redis.xautoclaim(
      stream,
      group,
      consumer,
      idleMs,
      '0-0',
      'COUNT',
      BATCH,
    )) as [string, StreamEntry[]];
    for (const [id, fields] of claimed) {
      await this.#handle(fields);
      await redis.xack(stream, group, id);
    }
  }
}
