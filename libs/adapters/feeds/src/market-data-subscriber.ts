import type { Ticker } from '@perp/contracts';
import type { FeedLogger } from './feed-logger.ts';
import type {
  MarketChannelName,
  MarketEndReason,
  MarketSubscribeOptions,
  MarketSubscription,
} from './market-subscription.ts';

/**
 * One listener of one market channel. The relay drives it: it delivers the channel's data, and
 * for `ticker.*` keeps the coalescing state (the latest ticker waiting for the interval's end).
 */
export class MarketDataSubscriber implements MarketSubscription {
  readonly channel: MarketChannelName;
  readonly #listener: (data: unknown) => void;
  readonly #onEnd: MarketSubscribeOptions['onEnd'];
  readonly #logger: FeedLogger;
  readonly #release: (subscriber: MarketDataSubscriber) => void;
  #active = true;
  /** `book.*`: updates wait until this subscriber has had a snapshot. */
  awaitingSnapshot = true;
  lastTickerAt = Number.NEGATIVE_INFINITY;
  pendingTicker: Ticker | undefined;
  tickerTimer: NodeJS.Timeout | undefined;

  constructor(
    channel: MarketChannelName,
    listener: (data: unknown) => void,
    onEnd: MarketSubscribeOptions['onEnd'],
    logger: FeedLogger,
    release: (subscriber: MarketDataSubscriber) => void,
  ) {
    this.channel = channel;
    this.#listener = listener;
    this.#onEnd = onEnd;
    this.#logger = logger;
    this.#release = release;
  }

  get active(): boolean {
    return this.#active;
  }

  unsubscribe(): void {
    if (!this.#active) return;
    this.#active = false;
    this.clearTicker();
    this.#release(this);
  }

  end(reason: MarketEndReason, message: string): void {
    if (!this.#active) return;
    this.unsubscribe();
    try {
      this.#onEnd?.(reason, message);
    } catch (error) {
      this.#logger.error({ err: error, channel: this.channel }, 'onEnd threw');
    }
  }

  deliver(data: unknown): void {
    if (!this.#active) return;
    try {
      this.#listener(data);
    } catch (error) {
      this.#logger.error({ err: error, channel: this.channel }, 'market data listener failed');
      this.end('listener_failed', `the listener failed: ${(error as Error)?.message ?? error}`);
    }
  }

  clearTicker(): void {
    clearTimeout(this.tickerTimer);
    this.tickerTimer = undefined;
    this.pendingTicker = undefined;
  }
}
