// LN Markets publishes no signature vectors. These were computed independently of this code,
// with `printf '%s' "$prehash" | openssl dgst -sha256 -hmac lnm-test-secret -binary | base64`,
// from the prehash rules of the official SDK (ln-markets/sdk-typescript, src/v3/instance.ts).
import { describe, expect, it } from 'vitest';
import { lnMarketsHeaders, lnMarketsSignature, lnMarketsStreamAuth } from './signing.ts';

const SECRET = 'lnm-test-secret';
const TIMESTAMP = 1_700_000_000_000;
const ORDER = '{"type":"limit","side":"buy","quantity":100,"price":60000}';

describe('lnMarketsSignature', () => {
  it('signs a POST over its JSON body, the method in lower case', () => {
    const request = { timestamp: TIMESTAMP, path: '/v3/futures/cross/order', data: ORDER };
    expect(lnMarketsSignature(SECRET, { ...request, method: 'POST' })).toBe(
      '8RN7fMFTHUF+7qbmANnn8YRYzBLhOInezZ5lvbkuy6w=',
    );
    expect(lnMarketsSignature(SECRET, { ...request, method: 'post' })).toBe(
      lnMarketsSignature(SECRET, { ...request, method: 'POST' }),
    );
  });

  it("signs a GET over its query string with the leading '?', and one without data", () => {
    expect(
      lnMarketsSignature(SECRET, {
        timestamp: TIMESTAMP,
        method: 'GET',
        path: '/v3/futures/cross/orders/filled',
        data: '?limit=10&from=1699990000000',
      }),
    ).toBe('O3Ex2KTDKyjRmJbKZpTI7cFjW/UT+Hkew62QTjFpewM=');
    expect(
      lnMarketsSignature(SECRET, { timestamp: TIMESTAMP, method: 'GET', path: '/v3/account' }),
    ).toBe('Un6BaINryRWCyttsdH5NxBCmY9dJf7GIhj4aIuIPo9M=');
  });
});

describe('lnMarketsHeaders', () => {
  const credentials = { key: 'k-1', passphrase: 'p-1', secret: SECRET };

  it('signs the body when there is one, else the search string', () => {
    const post = lnMarketsHeaders(credentials, {
      method: 'POST',
      url: new URL('https://api.lnmarkets.com/v3/futures/cross/order'),
      body: ORDER,
      timestamp: TIMESTAMP,
    });
    expect(post).toEqual({
      'lnm-access-key': 'k-1',
      'lnm-access-passphrase': 'p-1',
      'lnm-access-timestamp': String(TIMESTAMP),
      'lnm-access-signature': '8RN7fMFTHUF+7qbmANnn8YRYzBLhOInezZ5lvbkuy6w=',
    });
    const get = lnMarketsHeaders(credentials, {
      method: 'GET',
      url: new URL(
        'https://api.lnmarkets.com/v3/futures/cross/orders/filled?limit=10&from=1699990000000',
      ),
      timestamp: TIMESTAMP,
    });
    expect(get['lnm-access-signature']).toBe('O3Ex2KTDKyjRmJbKZpTI7cFjW/UT+Hkew62QTjFpewM=');
  });

  it('never puts the secret in a header', () => {
    const headers = lnMarketsHeaders(credentials, {
      method: 'GET',
      url: new URL('https://api.lnmarkets.com/v3/account'),
      timestamp: TIMESTAMP,
    });
    expect(JSON.stringify(headers)).not.toContain(SECRET);
  });
});

describe('lnMarketsStreamAuth', () => {
  it('signs the timestamp and the nonce, and sends the key and passphrase, never the secret', () => {
    // printf '%s' 1700000000000a1b2c3d4e5f60718 | openssl dgst -sha256 -hmac lnm-test-secret -binary | base64
    const params = lnMarketsStreamAuth(
      { key: 'k-1', passphrase: 'p-1', secret: SECRET },
      { timestamp: TIMESTAMP, nonce: 'a1b2c3d4e5f60718' },
    );
    expect(params).toEqual({
      key: 'k-1',
      signature: 'or/Pcx8bGJhEJ8I1kp9rUJjFD4Mlg9ymmhglQcmwbDI=',
      timestamp: TIMESTAMP,
      passphrase: 'p-1',
      nonce: 'a1b2c3d4e5f60718',
    });
    expect(JSON.stringify(params)).not.toContain(SECRET);
  });
});
