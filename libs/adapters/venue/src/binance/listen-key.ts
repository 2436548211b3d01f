// The user data stream's listen key, kept alive: Binance closes a stream whose key was not
// extended for 60 minutes, so it is extended every 30; a key the venue no longer knows (-1125,
// after an outage or a missed keepalive) is replaced by a new one, and whoever holds the
// stream is told to connect again with it.

import { BinanceListenKeyExpiredError, type BinanceClient } from './binance-client.ts';

export interface BinanceListenKeyOptions {
  readonly client: Pick<BinanceClient, 'createListenKey' | 'keepAliveListenKey' | 'closeListenKey'>;
  /** Default 30 minutes, half the key's life. */
  readonly keepAliveMs?: number;
  /** A new key replaced a lapsed one: the stream must connect again with it. */
  readonly onNewKey: (listenKey: string) => void;
  /** A keepalive failed for another reason (the venue down): tried again next time. */
  readonly onError?: (error: unknown) => void;
}

export class BinanceListenKey {
  readonly #options: BinanceListenKeyOptions;
  #key: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(options: BinanceListenKeyOptions) {
    this.#options = options;
  }

  get key(): string | undefined {
    return this.#key;
  }

  /** Creates the key and keeps it alive until `stop`. */
  async start(): Promise<string> {
    const key = await this.#options.client.createListenKey();
    this.#key = key;
    this.#schedule();
    return key;
  }

  /**
   * One keepalive now (the timer's work); replaces the key if the venue lost it. A call while
   * one is under way joins it: two keepalives racing on a lapsed key would create two keys.
   */
  keepAlive(): Promise<void> {
    this.#running ??= this.#keepAlive().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #keepAlive(): Promise<void> {
    try {
      await this.#options.client.keepAliveListenKey();
    } catch (error) {
      if (!(error instanceof BinanceListenKeyExpiredError)) {
        this.#options.onError?.(error);
        return;
      }
      const key = await this.#options.client.createListenKey();
      this.#key = key;
      this.#options.onNewKey(key);
    }
  }

  /** Stops the keepalives and closes the key (the stream ends). */
  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
    if (this.#key === undefined) return;
    this.#key = undefined;
    await this.#options.client
      .closeListenKey()
      .catch((error: unknown) => this.#options.onError?.(error));
  }

  #schedule(): void {
    this.#timer = setTimeout(
      () => {
        void this.keepAlive()
          .catch((error: unknown) => this.#options.onError?.(error))
          .finally(() => {
            if (this.#key !== undefined) this.#schedule();
          });
      },
      this.#options.keepAliveMs ?? 30 * 60_000,
    );
    this.#timer.unref();
  }
}
