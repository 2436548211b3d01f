import type { ChannelDataOf, MarketChannelKind } from '@perp/contracts';

// What a caller of MarketDataRelay.subscribe holds: the channel, its listener, the options it
// passes and the handle it gets back.

/** A public market-data channel: `book.SYMBOL`, `trades.SYMBOL` or `ticker.SYMBOL`. */
export type MarketChannelName = `${MarketChannelKind}.${string}`;

/** Receives one channel's data in the trader API's shape (the contracts' channel data). */
export type MarketListener<C extends MarketChannelName> = (data: ChannelDataOf<C>) => void;

/**
 * Why the relay ended a subscription by itself: `rejected` (the venue refused the channel: an
 * unknown symbol, or its limit of channels per connection), `listener_failed` (the listener threw),
 * `relay_stopped` (shutdown).
 */
export type MarketEndReason = 'rejected' | 'listener_failed' | 'relay_stopped';

export interface MarketSubscribeOptions {
  /** Called once if the relay ends the subscription by itself (never after `unsubscribe`). */
  readonly onEnd?: (reason: MarketEndReason, message: string) => void;
}

export interface MarketSubscription {
  readonly channel: MarketChannelName;
  readonly active: boolean;
  unsubscribe(): void;
}
