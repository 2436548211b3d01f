import { backoff, TokenBucket, WakeableSleep, type Backoff } from '@perp/retry';
import type { Kysely } from 'kysely';
import type { Logger } from '@perp/logger';
import type { NotifierDatabase } from '../db/schema.ts';
import { setChatStatus } from '../store/chats.ts';
import {
  dropPendingOfChat,
  markDropped,
  markRetry,
  markSent,
  pendingHeads,
  type PendingMessage,
} from '../store/outbox.ts';
import type { ChatPacer } from './chat-pacer.ts';
import { classifySendFailure, type SendFailureReason } from './send-failure.ts';

/** The one Telegram call the sender makes. */
export interface TelegramMessages {
  sendMessage(chatId: string, html: string, options: { silent: boolean }): Promise<number>;
}

export interface SenderMetrics {
  sent(): void;
  failed(reason: SendFailureReason): void;
}

export interface OutboxSenderOptions {
  readonly db: Kysely<NotifierDatabase>;
  readonly telegram: TelegramMessages;
  readonly logger: Logger;
  readonly metrics: SenderMetrics;
  /** Telegram's bot-wide limit: about 30 messages a second. */
  readonly globalPerSecond: number;
  /** Telegram's per-chat limit (about one message a second), shared with the bot's replies. */
  readonly pacer: ChatPacer;
  readonly maxInFlight?: number;
  /** How often the outbox is looked at when nobody calls wake(). */
  readonly pollIntervalMs?: number;
  readonly retry?: Backoff;
  readonly clock?: () => number;
}

const HEADS_PER_PASS = 1_000;

/**
 * Drains the outbox within Telegram's limits: one message in flight per chat, paced per chat by
 * the pacer, `globalPerSecond` overall (a bucket of one second's worth, so a backlog
 * drains at the limit, not in bursts that draw 429s). A 429 waits its retry_after; 5xx and network
 * errors retry with backoff; a 403 deactivates the chat and drops what it had pending.
 *
 * A crash after Telegram accepted a message and before its row is marked sent repeats that one
 * message per chat at the next start: the chosen side of at-least-once, as nothing can make
 * Telegram's send and our write one transaction. While the process lives, a mark that failed (the
 * database away) is retried from memory before that row could be sent again.
 */
export class OutboxSender {
  readonly #o: OutboxSenderOptions;
  readonly #clock: () => number;
  readonly #bucket: TokenBucket;
  readonly #retry: Backoff;
  readonly #maxInFlight: number;
  readonly #inFlightChats = new Set<string>();
  /** Sent, but the row is not yet marked: never sent again, only marked again. */
  readonly #unmarked = new Map<string, { readonly messageId: number; readonly at: number }>();
  readonly #inFlight = new Set<Promise<void>>();
  #running = false;
  #loop: Promise<void> | undefined;
  readonly #pause = new WakeableSleep();
  #dbFailures = 0;

  constructor(options: OutboxSenderOptions) {
    this.#o = options;
    this.#clock = options.clock ?? Date.now;
    this.#bucket = new TokenBucket({
      ratePerSecond: options.globalPerSecond,
      capacity: Math.max(1, Math.floor(options.globalPerSecond)),
      clock: this.#clock,
    });
    this.#retry = options.retry ?? backoff({ initialMs: 1_000, maxMs: 300_000, jitter: 'equal' });
    this.#maxInFlight = options.maxInFlight ?? 16;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Something was written to the outbox (or a send ended): look now, not at the next poll. */
  wake(): void {
    this.#pause.wake();
  }

  /** Stops taking rows; resolves when the messages in flight are answered and marked. */
  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#loop;
    await Promise.allSettled([...this.#inFlight]);
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let waitMs: number;
      try {
        waitMs = await this.#pass();
        this.#dbFailures = 0;
      } catch (error) {
        // The database is away: nothing is lost (the rows wait), so back off and look again.
        this.#dbFailures += 1;
        waitMs = this.#retry(this.#dbFailures);
        this.#o.logger.warn({ err: error, retryInMs: waitMs }, 'outbox unavailable');
      }
      if (!this.#running) break;
      await this.#pause.sleep(Math.min(waitMs, this.#o.pollIntervalMs ?? 500));
    }
  }

  /** One look at the outbox; resolves with how long until something may be due. */
  async #pass(): Promise<number> {
    await this.#remark();
    const heads = await pendingHeads(this.#o.db, new Date(this.#clock()), HEADS_PER_PASS);
    // Until the earliest held chat may receive again (in-flight chats wake the loop themselves).
    let untilNextMs = this.#o.pollIntervalMs ?? 500;
    for (const message of heads) {
      if (!this.#running) break;
      if (this.#unmarked.has(message.outboxId) || this.#inFlightChats.has(message.chatId)) continue;
      const heldMs = this.#o.pacer.waitMs(message.chatId);
      if (heldMs > 0) {
        untilNextMs = Math.min(untilNextMs, heldMs);
        continue;
      }
      for (;;) {
        const token = this.#bucket.take();
        if (token.allowed) break;
        await this.#pause.sleep(token.retryAfterMs);
        if (!this.#running) return 0;
      }
      while (this.#inFlight.size >= this.#maxInFlight) await Promise.race(this.#inFlight);
      this.#launch(message);
    }
    return untilNextMs;
  }

  #launch(message: PendingMessage): void {
    this.#inFlightChats.add(message.chatId);
    const task = this.#send(message).finally(() => {
      this.#inFlightChats.delete(message.chatId);
      this.#inFlight.delete(task);
      this.wake();
    });
    this.#inFlight.add(task);
  }

  async #send(message: PendingMessage): Promise<void> {
    const { db, telegram, metrics, logger } = this.#o;
    let messageId: number;
    try {
      messageId = await telegram.sendMessage(message.chatId, message.html, {
        silent: message.silent,
      });
    } catch (error) {
      await this.#failed(message, error).catch((dbError: unknown) =>
        logger.warn({ err: dbError, outboxId: message.outboxId }, 'send failure not recorded'),
      );
      return;
    }
    // From the answer, not the request: Telegram counted this message no later than it answered,
    // and the next request leaves after the interval, so it arrives at least an interval later
    // however long this one was on its way.
    this.#o.pacer.sent(message.chatId);
    metrics.sent();
    this.#unmarked.set(message.outboxId, { messageId, at: this.#clock() });
    try {
      await markSent(db, message.outboxId, messageId, new Date(this.#clock()));
      this.#unmarked.delete(message.outboxId);
    } catch (error) {
      logger.warn({ err: error, outboxId: message.outboxId }, 'sent, not yet marked');
    }
  }

  async #failed(message: PendingMessage, error: unknown): Promise<void> {
    const { db, metrics, logger } = this.#o;
    const failure = classifySendFailure(error);
    metrics.failed(failure.kind);
    const now = this.#clock();
    const log = { chatId: message.chatId, outboxId: message.outboxId, reason: failure.reason };
    switch (failure.kind) {
      case 'rateLimited': {
        // Telegram said how long; everything else slows down too, as the limit is partly global.
        const at = now + failure.retryAfterMs;
        this.#o.pacer.hold(message.chatId, at);
        this.#bucket.drain();
        logger.warn({ ...log, retryAfterMs: failure.retryAfterMs }, 'telegram rate limit');
        await markRetry(db, message.outboxId, failure.reason, new Date(at), false);
        return;
      }
      case 'chatGone': {
        logger.info({ ...log, status: failure.status }, 'chat unreachable: deactivated');
        await setChatStatus(db, message.chatId, failure.status);
        await dropPendingOfChat(db, message.chatId, failure.reason);
        return;
      }
      case 'rejected':
        logger.error(log, 'telegram refused the message for good: dropped');
        await markDropped(db, message.outboxId, failure.reason);
        return;
      case 'transient': {
        const at = now + this.#retry(message.attempts);
        this.#o.pacer.hold(message.chatId, at);
        logger.warn({ ...log, retryAt: at }, 'send failed, will retry');
        await markRetry(db, message.outboxId, failure.reason, new Date(at));
        return;
      }
    }
  }

  /** Marks rows sent whose mark failed before. */
  async #remark(): Promise<void> {
    for (const [outboxId, { messageId, at }] of this.#unmarked) {
      await markSent(this.#o.db, outboxId, messageId, new Date(at));
      this.#unmarked.delete(outboxId);
    }
  }
}
