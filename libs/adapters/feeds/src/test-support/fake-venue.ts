import type { AddressInfo } from 'node:net';
import { identifierOf } from '@perp/trading-domain';
import type { SimBookData, SimStreamMessage, SimTickerData } from '@perp/venue-adapter';
import { WebSocketServer, type WebSocket } from 'ws';

/** What a client sent, parsed. */
export interface ReceivedRequest {
  readonly connection: number;
  readonly op: string;
  readonly channels?: string[];
}

/**
 * A scripted stand-in for the sim-venue's /v1/market, for what the real one never does on
 * purpose (gaps, refusals, silence). It answers subscribe/unsubscribe like the venue and sends a
 * book snapshot from `bookSnapshot` on each `book.*` subscribe; everything else the test sends.
 */
export class FakeMarketVenue {
  readonly requests: ReceivedRequest[] = [];
  /** Channels to refuse on subscribe. */
  readonly refuse = new Set<string>();
  /** Whether to answer `ping`. */
  answerPings = true;
  bookSnapshot: (symbol: string) => SimBookData = (symbol) => book(symbol, 0, [], []);
  readonly #server: WebSocketServer;
  readonly #sockets: WebSocket[] = [];
  #connections = 0;

  private constructor(server: WebSocketServer) {
    this.#server = server;
    server.on('connection', (socket) => this.#connected(socket));
  }

  static async start(): Promise<FakeMarketVenue> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/v1/market' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new FakeMarketVenue(server);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  get connections(): number {
    return this.#connections;
  }

  /** Sends to every open connection. */
  send(message: SimStreamMessage): void {
    const text = JSON.stringify(message);
    for (const socket of this.#sockets) if (socket.readyState === socket.OPEN) socket.send(text);
  }

  bookUpdate(data: SimBookData): void {
    this.send({ type: 'book', channel: `book.${data.symbol}`, snapshot: false, data });
  }

  ticker(data: SimTickerData): void {
    this.send({ type: 'ticker', channel: `ticker.${data.symbol}`, data });
  }

  subscribes(channel: string): number {
    return this.requests.filter((r) => r.op === 'subscribe' && r.channels?.includes(channel))
      .length;
  }

  unsubscribes(channel: string): number {
    return this.requests.filter((r) => r.op === 'unsubscribe' && r.channels?.includes(channel))
      .length;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #connected(socket: WebSocket): void {
    this.#connections += 1;
    const connection = this.#connections;
    this.#sockets.push(socket);
    const reply = (message: SimStreamMessage) => socket.send(JSON.stringify(message));
    socket.on('message', (data) => {
      const request = JSON.parse(String(data)) as { op: string; channels?: string[] };
      this.requests.push({ connection, ...request });
      if (request.op === 'ping') {
        if (this.answerPings) reply({ type: 'pong', ts: Date.now() });
      } else if (request.op === 'subscribe') {
        const accepted = (request.channels ?? []).filter((c) => !this.refuse.has(c));
        reply({ type: 'subscribed', channels: accepted });
        for (const channel of accepted) {
          if (channel.startsWith('book.')) {
            const data = this.bookSnapshot(channel.slice('book.'.length));
            reply({ type: 'book', channel, snapshot: true, data });
          }
        }
      } else if (request.op === 'unsubscribe') {
        reply({ type: 'unsubscribed', channels: request.channels ?? [] });
      }
    });
  }
}

export function book(
  symbol: string,
  seq: number,
  bids: [string, string][],
  asks: [string, string][],
): SimBookData {
  return {
    symbol: identifierOf('InstrumentSymbol', symbol),
    bids,
    asks,
    seq,
    ts: 1_700_000_000_000 + seq,
  };
}

export function simTicker(symbol: string, bestBidPrice: string): SimTickerData {
  return {
    symbol: identifierOf('InstrumentSymbol', symbol),
    bestBidPrice,
    bestBidQuantity: '1',
    bestAskPrice: null,
    bestAskQuantity: null,
    lastPrice: null,
    markPrice: '60000',
    indexPrice: '60000',
    ts: Date.now(),
  };
}
