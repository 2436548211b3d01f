import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Logger } from '@perp/logger';
import { backoff, WakeableSleep } from '@perp/retry';
import { GrammyError, type Bot } from 'grammy';
import type { BotContext } from './bot-context.ts';

export type PollerState = 'polling' | 'conflict' | 'stopped';

/**
 * Long polling with grammY's runner (createBot keeps one chat's updates in order). Telegram answers a second
 * poller with 409 Conflict: the runner gives up on it, and this waits and tries again (with
 * backoff) instead of crashing into a restart loop, so a replacement instance during a deploy
 * takes over once the old one is gone. A 401 (a wrong token) is fatal.
 */
export class Poller {
  readonly #bot: Bot<BotContext>;
  readonly #logger: Logger;
  readonly #onFatal: (error: Error) => void;
  readonly #retry = backoff({ initialMs: 2_000, maxMs: 60_000, jitter: 'equal' });
  #handle: RunnerHandle | undefined;
  #state: PollerState = 'stopped';
  #running = false;
  #loop: Promise<void> | undefined;
  readonly #pause = new WakeableSleep();

  constructor(bot: Bot<BotContext>, logger: Logger, onFatal: (error: Error) => void) {
    this.#bot = bot;
    this.#logger = logger;
    this.#onFatal = onFatal;
  }

  get state(): PollerState {
    return this.#state;
  }

  start(): void {
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#pause.wake();
    await this.#handle?.stop();
    await this.#loop;
    this.#state = 'stopped';
  }

  async #run(): Promise<void> {
    let conflicts = 0;
    while (this.#running) {
      // silent: the runner would print fetch errors, which quote the Bot API URL and its token.
      this.#handle = run(this.#bot, { runner: { silent: true, fetch: { timeout: 25 } } });
      this.#state = 'polling';
      try {
        await this.#handle.task();
        if (!this.#running) return;
      } catch (error) {
        if (!this.#running) return;
        if (error instanceof GrammyError && error.error_code === 401) {
          this.#state = 'stopped';
          return this.#onFatal(new Error('Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized)'));
        }
        if (error instanceof GrammyError && error.error_code === 409) {
          conflicts += 1;
          this.#state = 'conflict';
          const waitMs = this.#retry(conflicts);
          this.#logger.warn(
            { retryInMs: waitMs },
            'another instance is polling this bot (409 Conflict): waiting',
          );
          await this.#pause.sleep(waitMs);
          continue;
        }
        this.#logger.error({ err: error }, 'polling stopped');
        await this.#pause.sleep(this.#retry(1));
      }
    }
  }
}
