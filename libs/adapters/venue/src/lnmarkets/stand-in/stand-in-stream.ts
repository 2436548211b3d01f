// The stand-in's Stream v1: JSON-RPC 2.0 over a WebSocket at /v1, as the official SDKs speak it
// (ln-markets/sdk-typescript src/stream/v1): `authenticate` with an HMAC over timestamp and
// nonce, `subscribe` to topics (private ones need the session authenticated), `ping`; pushes
// are `{ method: 'subscription', params: { topic, data } }`, times in ms.

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export const CROSS_ORDERS_TOPIC = 'futures/inverse/btc_usd/cross/orders';
const PRIVATE_TOPICS = new Set([
  CROSS_ORDERS_TOPIC,
  'futures/inverse/btc_usd/cross/position',
  'futures/inverse/btc_usd/isolated/trades',
  'wallet/deposit',
  'wallet/withdrawal',
]);
const PUBLIC_TOPICS = new Set(['futures/inverse/btc_usd/ticker', 'announcements']);
const TIMESTAMP_WINDOW_MS = 30_000;

export interface StandInStreamOptions {
  /** API key -> its secret and passphrase. */
  readonly keys: Readonly<Record<string, { readonly secret: string; readonly passphrase: string }>>;
  readonly now: () => number;
}

interface Session {
  key: string | undefined;
  readonly topics: Set<string>;
}

export class StandInStream {
  readonly #options: StandInStreamOptions;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<WebSocket, Session>();
  #authentications = 0;

  constructor(options: StandInStreamOptions) {
    this.#options = options;
  }

  /** Sessions authenticated so far (each reconnect authenticates again). */
  get authentications(): number {
    return this.#authentications;
  }

  /** Sockets subscribed to the cross orders of `key`. */
  subscribers(key: string): number {
    return [...this.#sessions.values()].filter(
      (session) => session.key === key && session.topics.has(CROSS_ORDERS_TOPIC),
    ).length;
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (new URL(request.url ?? '/', 'http://venue').pathname !== '/v1') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      const session: Session = { key: undefined, topics: new Set() };
      this.#sessions.set(ws, session);
      ws.on('close', () => this.#sessions.delete(ws));
      ws.on('message', (data: Buffer) => this.#receive(ws, session, data.toString('utf8')));
    });
  }

  /** Pushes `data` on `topic` to every session of `key` subscribed to it. */
  push(key: string, topic: string, data: unknown): void {
    const frame = JSON.stringify({
      jsonrpc: '2.0',
      method: 'subscription',
      params: { topic, data },
    });
    for (const [ws, session] of this.#sessions)
      if (session.key === key && session.topics.has(topic)) ws.send(frame);
  }

  /** Closes every connection without a word (a network cut). */
  drop(): void {
    for (const ws of this.#sessions.keys()) ws.terminate();
  }

  close(): void {
    this.drop();
    this.#wss.close();
  }

  #receive(ws: WebSocket, session: Session, text: string): void {
    let request: { id?: unknown; method?: unknown; params?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      ws.send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: null,
          error: { code: -32700, message: 'Parse error' },
        }),
      );
      return;
    }
    const id = typeof request.id === 'string' || typeof request.id === 'number' ? request.id : null;
    const answer = (result: unknown) => ws.send(JSON.stringify({ jsonrpc: '2.0', id, result }));
    const fail = (code: number, message: string) =>
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } }));
    const params = (request.params ?? {}) as Record<string, unknown>;
    switch (request.method) {
      case 'ping':
        return answer('pong');
      case 'time':
        return answer({ time: this.#options.now() });
      case 'authenticate': {
        const key = this.#authenticate(params);
        if (key === undefined) return fail(-32001, 'Authentication failed');
        session.key = key;
        this.#authentications += 1;
        return answer({ authenticated: true, permissions: ['futures:cross:read'] });
      }
      case 'subscribe': {
        const topics = Array.isArray(params['topics']) ? (params['topics'] as unknown[]) : [];
        if (topics.length === 0) return fail(-32602, 'Invalid params: topics');
        for (const topic of topics) {
          if (typeof topic !== 'string' || !(PRIVATE_TOPICS.has(topic) || PUBLIC_TOPICS.has(topic)))
            return fail(-32602, `Unknown topic: ${String(topic)}`);
          if (PRIVATE_TOPICS.has(topic) && session.key === undefined)
            return fail(-32002, `Authentication required for ${topic}`);
        }
        for (const topic of topics as string[]) session.topics.add(topic);
        return answer({ subscribed: topics });
      }
      default:
        return fail(-32601, 'Method not found');
    }
  }

  /** The session's API key, when the signature over timestamp and nonce verifies in time. */
  #authenticate(params: Record<string, unknown>): string | undefined {
    const { key, signature, timestamp, passphrase, nonce } = params;
    if (typeof key !== 'string' || typeof signature !== 'string') return undefined;
    if (typeof timestamp !== 'number' || typeof nonce !== 'string' || nonce === '')
      return undefined;
    const account = this.#options.keys[key];
    if (account === undefined || passphrase !== account.passphrase) return undefined;
    if (Math.abs(timestamp - this.#options.now()) > TIMESTAMP_WINDOW_MS) return undefined;
    const expected = createHmac('sha256', account.secret).update(`${timestamp}${nonce}`).digest();
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected) ? key : undefined;
  }
}
