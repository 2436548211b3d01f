// LN Markets v3's signature: base64 of HMAC-SHA256 with the API secret over timestamp (ms), the
// method in lower case, the path (with /v3) and the data: the JSON body exactly as sent for POST
// and PUT, the query string with its leading '?' for GET and DELETE (v2 signed the method in
// upper case and the query without '?': signing a v3 request the v2 way fails).

import { createHmac } from 'node:crypto';
import type { LnMarketsCredentials } from '../credentials/venue-credentials.ts';

export interface LnMarketsRequestToSign {
  readonly timestamp: number;
  readonly method: string;
  /** The URL's path, `/v3/futures/cross/order`. */
  readonly path: string;
  /** The body as sent, or the search string (`?limit=10`), or empty. */
  readonly data?: string;
}

export function lnMarketsSignature(secret: string, request: LnMarketsRequestToSign): string {
  const prehash = `${request.timestamp}${request.method.toLowerCase()}${request.path}${request.data ?? ''}`;
  return createHmac('sha256', secret).update(prehash).digest('base64');
}

/** The four headers of an authenticated request to `url`, with `body` sent as is. */
export function lnMarketsHeaders(
  credentials: LnMarketsCredentials,
  request: {
    readonly method: string;
    readonly url: URL;
    readonly body?: string;
    readonly timestamp: number;
  },
): Record<string, string> {
  const data =
    request.body !== undefined && request.body !== '' ? request.body : request.url.search;
  return {
    'lnm-access-key': credentials.key,
    'lnm-access-passphrase': credentials.passphrase,
    'lnm-access-timestamp': String(request.timestamp),
    'lnm-access-signature': lnMarketsSignature(credentials.secret, {
      timestamp: request.timestamp,
      method: request.method,
      path: request.url.pathname,
      data,
    }),
  };
}

/**
 * The params of Stream v1's `authenticate`: the signature is base64 HMAC-SHA256 over the
 * timestamp (ms) and a fresh nonce (ln-markets/sdk-typescript src/stream/v1/methods/authenticate.ts).
 */
export function lnMarketsStreamAuth(
  credentials: LnMarketsCredentials,
  request: { readonly timestamp: number; readonly nonce: string },
): {
  readonly key: string;
  readonly signature: string;
  readonly timestamp: number;
  readonly passphrase: string;
  readonly nonce: string;
} {
  return {
    key: credentials.key,
    signature: createHmac('sha256', credentials.secret)
      .update(`${request.timestamp}${request.nonce}`)
      .digest('base64'),
    timestamp: request.timestamp,
    passphrase: credentials.passphrase,
    nonce: request.nonce,
  };
}
