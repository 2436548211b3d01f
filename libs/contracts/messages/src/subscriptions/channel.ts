import { isIdentifier, type InstrumentSymbol } from '@perp/trading-domain';
import { z } from 'zod';
import { identifierText } from '../primitives/identifiers.ts';

const symbolPart = identifierText('InstrumentSymbol');

/** Channels of the caller's own account. */
export const PRIVATE_CHANNELS = ['orders', 'fills', 'positions', 'account'] as const;
export type PrivateChannel = (typeof PRIVATE_CHANNELS)[number];

/** Public channels, one per symbol: `book.BTC-PERP`, `trades.BTC-PERP`, `ticker.BTC-PERP`. */
export const MARKET_CHANNEL_KINDS = ['book', 'trades', 'ticker'] as const;
export type MarketChannelKind = (typeof MARKET_CHANNEL_KINDS)[number];

export type ChannelKind = PrivateChannel | MarketChannelKind;

export const PrivateChannelName = z.enum(PRIVATE_CHANNELS);
export const BookChannel = z.templateLiteral(['book.', symbolPart]);
export const TradesChannel = z.templateLiteral(['trades.', symbolPart]);
export const TickerChannel = z.templateLiteral(['ticker.', symbolPart]);

/** Any subscribable channel name. */
export const Channel = z.union([PrivateChannelName, BookChannel, TradesChannel, TickerChannel], {
  error:
    'must be a channel: orders, fills, positions, account, book.SYMBOL, trades.SYMBOL or ticker.SYMBOL',
});
export type Channel = z.infer<typeof Channel>;

export type ParsedChannel =
  | { readonly kind: PrivateChannel; readonly symbol?: undefined }
  | { readonly kind: MarketChannelKind; readonly symbol: InstrumentSymbol };

/** Splits a channel name into its kind and symbol; null when it is not a channel. */
export function parseChannel(channel: string): ParsedChannel | null {
  if (!Channel.safeParse(channel).success) return null;
  const dot = channel.indexOf('.');
  if (dot === -1) return { kind: channel as PrivateChannel };
  const symbol = channel.slice(dot + 1);
  if (!isIdentifier('InstrumentSymbol', symbol)) return null;
  return { kind: channel.slice(0, dot) as MarketChannelKind, symbol };
}

/** The channel name of a public market-data kind for one symbol. */
export function marketChannel<K extends MarketChannelKind>(
  kind: K,
  symbol: string,
): `${K}.${string}` {
  return `${kind}.${symbol}`;
}
