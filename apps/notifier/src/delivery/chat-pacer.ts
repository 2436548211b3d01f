/**
 * When each chat may receive its next message. Shared by the outbox sender and the bot's own
 * replies, so a fill right after an answer to /status waits its turn instead of drawing a 429.
 */
export class ChatPacer {
  readonly #intervalMs: number;
  readonly #clock: () => number;
  readonly #nextAt = new Map<string, number>();

  constructor(intervalMs: number, clock: () => number = Date.now) {
    this.#intervalMs = intervalMs;
    this.#clock = clock;
  }

  /** A message went to the chat at `at`. */
  sent(chatId: string, at = this.#clock()): void {
    this.#hold(chatId, at + this.#intervalMs);
  }

  /** Nothing before `at` (a 429's retry_after, a retry's backoff). */
  hold(chatId: string, at: number): void {
    this.#hold(chatId, at);
  }

  /** How long the chat must still wait; 0 when it may receive now. */
  waitMs(chatId: string): number {
    return Math.max(0, (this.#nextAt.get(chatId) ?? 0) - this.#clock());
  }

  #hold(chatId: string, at: number): void {
    if (at > (this.#nextAt.get(chatId) ?? 0)) this.#nextAt.set(chatId, at);
    if (this.#nextAt.size > 10_000) {
      const now = this.#clock();
      for (const [id, until] of this.#nextAt) if (until <= now) this.#nextAt.delete(id);
    }
  }
}
