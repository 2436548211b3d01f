import { randomBytes } from 'node:crypto';

/**
 * The head of a WebSocket upgrade request for `url`'s host and path (RFC 6455 §4.1), without the
 * blank line that ends it: for tests that write upgrades by hand on a raw socket (a dribbled
 * one, oversized headers, a client that upgrades and then never reads).
 */
export function webSocketUpgradeHead(url: string, extraHeaders: readonly string[] = []): string {
  const { host, pathname } = new URL(url);
  return [
    `GET ${pathname === '' ? '/' : pathname} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Version: 13',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    ...extraHeaders,
  ].join('\r\n');
}
