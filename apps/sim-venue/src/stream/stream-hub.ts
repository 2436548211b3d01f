import type { Logger } from '@perp/logger';
import {
  SimClientRequest,
  type SimOrderEvent,
  type SimStreamMessage,
  type SimTickerData,
} from '@perp/venue-adapter';
import type { RawData, WebSocket } from 'ws';
import type { CoreOutput } from '../core/venue-core.ts';
import type { SimVenue } from '../sim-venue.ts';
import { channelName, parseChannel } from './channels.ts';

/** Levels per side in the snapshot a `book.SYMBOL` subscription starts with. */
const BOOK_SNAPSHOT_DEPTH = 1000;
const MAX_CHANNELS_PER_CONNECTION = 100;
const GOING_AWAY = 1001;
const INTERNAL_ERROR = 1011;
const TRY_AGAIN_LATER = 1013;

export interface StreamHubOptions {
  readonly venue: SimVenue;
  readonly ticker: (symbol: string) => SimTickerData | undefined;
  readonly heartbeatMs: number;
  /** A client whose unsent data passes this is disconnected; it resumes with `since`. */
  readonly maxBufferedBytes?: number;
  readonly clock: () => number;
  readonly logger: Logger;
}

export interface ConnectOptions {
  /** /v1/stream: the private drop copy of every account's order events. /v1/market: public only. */
  readonly privateFeed: boolean;
  readonly since: number;
  readonly journalId: string | null;
}

/** Where a private connection stands: the last event it was sent; live once caught up. */
interface PrivateFeed {
  lastSent: number;
  live: boolean;
}

interface Connection {
  readonly socket: WebSocket;
  readonly channels: Set<string>;
  readonly feed: PrivateFeed | undefined;
  alive: boolean;
  closed: boolean;
}

/**
 * Every WebSocket client. Private connections get a welcome, then the events after their `since`
 * (from memory, or rebuilt from the journal when older), then live events, each once and in order;
 * all connections may subscribe to public channels. Pings find dead peers; heartbeats let clients
 * find a dead venue.
 */
export class StreamHub {
  readonly #options: StreamHubOptions;
  readonly #connections = new Set<Connection>();
  readonly #subscribers = new Map<string, Set<Connection>>();
  readonly #maxBufferedBytes: number;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(options: StreamHubOptions) {
    this.#options = options;
    this.#maxBufferedBytes = options.maxBufferedBytes ?? 16 * 1024 * 1024;
    options.venue.onOutput((output) => this.#publish(output));
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  start(): void {
    if (this.#heartbeat !== undefined) return;
    this.#heartbeat = setInterval(() => this.#beat(), this.#options.heartbeatMs);
  }

  /** Says goodbye (1001) to every client; they reconnect and resume elsewhere or later. */
  close(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    for (const connection of this.#connections) {
      connection.closed = true;
      connection.socket.close(GOING_AWAY, 'venue shutting down');
    }
  }

  connect(socket: WebSocket, options: ConnectOptions): void {
    const { venue } = this.#options;
    // Another journal's numbers mean nothing here: that client starts from the first event.
    const since =
      options.journalId !== null && options.journalId !== venue.journalId ? 0 : options.since;
    const connection: Connection = {
      socket,
      channels: new Set(),
      feed: options.privateFeed ? { lastSent: since, live: false } : undefined,
      alive: true,
      closed: false,
    };
    this.#connections.add(connection);
    socket.on('pong', () => (connection.alive = true));
    socket.on('message', (data, isBinary) => this.#request(connection, data, isBinary));
    socket.on('close', () => this.#drop(connection));
    socket.on('error', (error) =>
      this.#options.logger.debug({ err: error }, 'stream socket error'),
    );
    if (connection.feed === undefined) return;
    this.#send(connection, {
      type: 'welcome',
      journalId: venue.journalId,
      lastEventSeq: venue.lastEventSeq,
      since,
      heartbeatMs: this.#options.heartbeatMs,
    });
    void this.#catchUp(connection, connection.feed);
  }

  publishTicker(ticker: SimTickerData): void {
    const channel = channelName('ticker', ticker.symbol);
    this.#broadcast(channel, { type: 'ticker', channel, data: ticker });
  }

  async #catchUp(connection: Connection, feed: PrivateFeed): Promise<void> {
    const { venue, logger } = this.#options;
    try {
      while (!connection.closed) {
        const recent = venue.eventsAfter(feed.lastSent);
        if (recent !== undefined) {
          // Synchronous from here to `live`: no live event can slip in between.
          for (const event of recent) this.#sendEvent(connection, feed, orderText(event), event);
          feed.live = true;
          return;
        }
        const until = venue.oldestEventSeqInMemory - 1;
        for await (const batch of venue.journalEvents(feed.lastSent, until)) {
          if (connection.closed) return;
          // Waits for each batch to reach the OS, so a long replay never piles up in memory.
          await new Promise<void>((resolve) => {
            batch.forEach((event, i) =>
              this.#sendEvent(
                connection,
                feed,
                orderText(event),
                event,
                i === batch.length - 1 ? resolve : undefined,
              ),
            );
          });
        }
        if (feed.lastSent < until) throw new Error(`the journal ends before event ${until}`);
      }
    } catch (error) {
      logger.error({ err: error, since: feed.lastSent }, 'stream catch-up failed');
      this.#close(connection, INTERNAL_ERROR, 'catch-up failed');
    }
  }

  #publish(output: CoreOutput): void {
    for (const event of output.orderEvents) {
      const text = orderText(event);
      for (const connection of this.#connections) {
        const feed = connection.feed;
        if (feed?.live) this.#sendEvent(connection, feed, text, event);
      }
    }
    for (const item of output.market) {
      if (item.type === 'book') {
        const channel = channelName('book', item.data.symbol);
        this.#broadcast(channel, { type: 'book', channel, snapshot: false, data: item.data });
      } else {
        const channel = channelName('trades', item.data.symbol);
        this.#broadcast(channel, { type: 'trade', channel, data: item.data });
      }
    }
  }

  #sendEvent(
    connection: Connection,
    feed: PrivateFeed,
    text: string,
    event: SimOrderEvent,
    sent?: () => void,
  ): void {
    if (event.eventSeq <= feed.lastSent) {
      sent?.();
      return;
    }
    this.#sendText(connection, text, sent);
    feed.lastSent = event.eventSeq;
  }

  #broadcast(channel: string, message: SimStreamMessage): void {
    const subscribers = this.#subscribers.get(channel);
    if (subscribers === undefined || subscribers.size === 0) return;
    const text = JSON.stringify(message);
    for (const connection of subscribers) this.#sendText(connection, text);
  }

  #request(connection: Connection, data: RawData, isBinary: boolean): void {
    let parsed: ReturnType<typeof SimClientRequest.safeParse> | undefined;
    if (!isBinary) {
      try {
        parsed = SimClientRequest.safeParse(JSON.parse(String(data)));
      } catch {
        parsed = undefined;
      }
    }
    if (parsed === undefined || !parsed.success) {
      this.#send(connection, {
        type: 'error',
        code: 'INVALID_REQUEST',
        message: 'expected {"op":"subscribe"|"unsubscribe","channels":[...]} or {"op":"ping"}',
      });
      return;
    }
    const request = parsed.data;
    if (request.op === 'ping') {
      this.#send(connection, { type: 'pong', ts: this.#options.clock() });
    } else if (request.op === 'subscribe') {
      this.#subscribe(connection, request.channels);
    } else {
      for (const channel of request.channels) {
        connection.channels.delete(channel);
        this.#subscribers.get(channel)?.delete(connection);
      }
      this.#send(connection, { type: 'unsubscribed', channels: request.channels });
    }
  }

  #subscribe(connection: Connection, names: readonly string[]): void {
    const { venue } = this.#options;
    const accepted: string[] = [];
    for (const name of names) {
      const channel = parseChannel(name, (symbol) => venue.hasSymbol(symbol));
      if (channel === undefined) {
        this.#send(connection, {
          type: 'error',
          code: 'UNKNOWN_CHANNEL',
          message: `${name} is not book.SYMBOL, trades.SYMBOL or ticker.SYMBOL of a listed symbol`,
        });
        continue;
      }
      if (
        !connection.channels.has(name) &&
        connection.channels.size >= MAX_CHANNELS_PER_CONNECTION
      ) {
        this.#send(connection, {
          type: 'error',
          code: 'TOO_MANY_CHANNELS',
          message: `at most ${MAX_CHANNELS_PER_CONNECTION} channels per connection`,
        });
        continue;
      }
      connection.channels.add(name);
      let subscribers = this.#subscribers.get(name);
      if (subscribers === undefined) {
        subscribers = new Set();
        this.#subscribers.set(name, subscribers);
      }
      subscribers.add(connection);
      accepted.push(name);
    }
    this.#send(connection, { type: 'subscribed', channels: accepted });
    // Snapshots right after the confirmation, so updates that follow continue them.
    for (const name of accepted) {
      const channel = parseChannel(name, () => true);
      if (channel?.kind === 'book') {
        const book = venue.book(channel.symbol, BOOK_SNAPSHOT_DEPTH);
        if (book)
          this.#send(connection, { type: 'book', channel: name, snapshot: true, data: book });
      } else if (channel?.kind === 'ticker') {
        const ticker = this.#options.ticker(channel.symbol);
        if (ticker) this.#send(connection, { type: 'ticker', channel: name, data: ticker });
      }
    }
  }

  #beat(): void {
    const { venue, clock } = this.#options;
    const heartbeat = JSON.stringify({
      type: 'heartbeat',
      lastEventSeq: venue.lastEventSeq,
      ts: clock(),
    } satisfies SimStreamMessage);
    for (const connection of this.#connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        this.#drop(connection);
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
      if (connection.feed !== undefined) this.#sendText(connection, heartbeat);
    }
  }

  #send(connection: Connection, message: SimStreamMessage): void {
    this.#sendText(connection, JSON.stringify(message));
  }

  /** `sent` is called once the text reached the OS, or at once if it is not sent at all. */
  #sendText(connection: Connection, text: string, sent?: () => void): void {
    if (!connection.closed && connection.socket.bufferedAmount > this.#maxBufferedBytes) {
      this.#close(connection, TRY_AGAIN_LATER, 'too slow: resume with since');
    }
    if (connection.closed) {
      sent?.();
      return;
    }
    connection.socket.send(text, sent && (() => sent()));
  }

  #close(connection: Connection, code: number, reason: string): void {
    if (connection.closed) return;
    connection.closed = true;
    connection.socket.close(code, reason);
    this.#drop(connection);
  }

  #drop(connection: Connection): void {
    connection.closed = true;
    this.#connections.delete(connection);
    for (const channel of connection.channels) this.#subscribers.get(channel)?.delete(connection);
  }
}

function orderText(event: SimOrderEvent): string {
  return JSON.stringify({ type: 'order', event } satisfies SimStreamMessage);
}
