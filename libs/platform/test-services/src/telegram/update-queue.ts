// getUpdates semantics (https://core.telegram.org/bots/api#getupdates): updates stay queued until a
// later call confirms them with `offset` > their update_id; `timeout` holds the call open until an
// update arrives; a new call while one is held makes the held one answer 409 Conflict.
import { getUpdatesConflict, type BotApiBody } from './bot-api-errors.ts';
import type { Update, UpdateType } from './bot-api-types.ts';

/** Telegram's default when allowed_updates is empty: every type except chat_member and reactions. */
const DEFAULT_ALLOWED: readonly UpdateType[] = [
  'message',
  'edited_message',
  'callback_query',
  'my_chat_member',
];

export interface GetUpdatesRequest {
  readonly offset?: number;
  /** 1..100; clamped like Telegram. */
  readonly limit?: number;
  readonly timeoutSeconds?: number;
  /** Replaces the stored setting when given; `[]` restores the default. */
  readonly allowedUpdates?: readonly string[];
}

interface HeldPoll {
  readonly limit: number;
  readonly answer: (body: BotApiBody<readonly Update[]>) => void;
  readonly timer: NodeJS.Timeout;
}

// Answered at once: there is no held call to withdraw.
const nothingToWithdraw = (): void => undefined;

export type UpdateWithoutId = Omit<Update, 'update_id'>;

export class UpdateQueue {
  #updates: Update[] = [];
  #nextUpdateId = 1;
  #allowed = new Set<string>(DEFAULT_ALLOWED);
  #held: HeldPoll | undefined;
  #closed = false;

  /**
   * Assigns the next update_id and queues the update unless the bot's allowed_updates exclude its
   * type (Telegram does not create those at all). Wakes a held getUpdates.
   */
  push(update: UpdateWithoutId): Update {
    const full: Update = { update_id: this.#nextUpdateId++, ...update };
    const type = Object.keys(update)[0];
    if (type === undefined || !this.#allowed.has(type)) return full;
    this.#updates.push(full);
    const held = this.#held;
    if (held !== undefined) {
      this.#held = undefined;
      clearTimeout(held.timer);
      held.answer({ ok: true, result: this.#updates.slice(0, held.limit) });
    }
    return full;
  }

  /**
   * Answers a getUpdates call, now or when an update arrives or the timeout passes. The returned
   * function withdraws a held call (its client went away) without answering it.
   */
  getUpdates(
    request: GetUpdatesRequest,
    answer: (body: BotApiBody<readonly Update[]>) => void,
  ): () => void {
    if (request.allowedUpdates !== undefined)
      this.#allowed = new Set(
        request.allowedUpdates.length === 0 ? DEFAULT_ALLOWED : request.allowedUpdates,
      );
    this.#confirm(request.offset ?? 0);
    this.#held?.answer(getUpdatesConflict());
    this.#withdraw();

    const limit = Math.min(100, Math.max(1, request.limit ?? 100));
    const timeoutSeconds = Math.max(0, request.timeoutSeconds ?? 0);
    if (this.#updates.length > 0 || timeoutSeconds === 0 || this.#closed) {
      answer({ ok: true, result: this.#updates.slice(0, limit) });
      return nothingToWithdraw;
    }
    const held: HeldPoll = {
      limit,
      answer,
      timer: setTimeout(() => {
        if (this.#held === held) this.#held = undefined;
        answer({ ok: true, result: [] });
      }, timeoutSeconds * 1000),
    };
    this.#held = held;
    return () => {
      if (this.#held === held) this.#withdraw();
    };
  }

  /** Queued, not yet confirmed updates. */
  pending(): readonly Update[] {
    return [...this.#updates];
  }

  dropPending(): void {
    this.#updates = [];
  }

  /** Forgets every update and setting; update ids keep growing, as Telegram's do. */
  reset(): void {
    this.#updates = [];
    this.#allowed = new Set(DEFAULT_ALLOWED);
    this.#held?.answer({ ok: true, result: [] });
    this.#withdraw();
  }

  /** Answers a held call with nothing and makes later calls answer at once. */
  close(): void {
    this.#closed = true;
    this.#held?.answer({ ok: true, result: [] });
    this.#withdraw();
  }

  #confirm(offset: number): void {
    if (offset > 0) this.#updates = this.#updates.filter((u) => u.update_id >= offset);
    // A negative offset keeps the last -offset updates and forgets all before them.
    else if (offset < 0) this.#updates = this.#updates.slice(offset);
  }

  #withdraw(): void {
    if (this.#held !== undefined) clearTimeout(this.#held.timer);
    this.#held = undefined;
  }
}
