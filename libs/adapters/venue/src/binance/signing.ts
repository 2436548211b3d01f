// Binance's SIGNED requests: HMAC-SHA256 with the API secret over the query string concatenated,
// with no separator, with the request body; hex. `timestamp` and `recvWindow` are part of what
// is signed, so a request replayed later than recvWindow is refused by the venue.

import { createHmac } from 'node:crypto';

export type BinanceParams = Readonly<Record<string, string | number | boolean | undefined>>;

/** The default recvWindow is 5 000 ms; Binance allows up to 60 000 and advises staying low. */
export const BINANCE_RECV_WINDOW_MS = 5_000;

export function binanceSignature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** Parameters in the order given, percent-encoded as Binance requires before signing. */
export function binanceQuery(params: BinanceParams): string {
  return Object.entries(params)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

/** The query string of a signed request: its parameters, the timing ones, then the signature. */
export function signedBinanceQuery(
  secret: string,
  params: BinanceParams,
  timing: { readonly timestamp: number; readonly recvWindow?: number },
): string {
  const query = binanceQuery({
    ...params,
    recvWindow: timing.recvWindow ?? BINANCE_RECV_WINDOW_MS,
    timestamp: timing.timestamp,
  });
  return `${query}&signature=${binanceSignature(secret, query)}`;
}
