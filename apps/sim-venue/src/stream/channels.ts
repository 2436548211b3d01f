// Public channel names: `book.SYMBOL`, `trades.SYMBOL`, `ticker.SYMBOL`.

export type ChannelKind = 'book' | 'trades' | 'ticker';

export interface PublicChannel {
  readonly kind: ChannelKind;
  readonly symbol: string;
}

const CHANNEL = /^(book|trades|ticker)\.(.+)$/;

export function parseChannel(name: string, isListed: (symbol: string) => boolean) {
  const match = CHANNEL.exec(name);
  const kind = match?.[1] as ChannelKind | undefined;
  const symbol = match?.[2];
  if (kind === undefined || symbol === undefined || !isListed(symbol)) return undefined;
  return { kind, symbol } satisfies PublicChannel;
}

export function channelName(kind: ChannelKind, symbol: string): string {
  return `${kind}.${symbol}`;
}
