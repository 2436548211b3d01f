import {
  BOOK_MAX_DEPTH,
  parseChannel,
  type BookChannelData,
  type MarketChannelKind,
  type PublicTrade,
  type Ticker,
} from '@perp/contracts';
import {
  SimControlMessage,
  SimPublicMessage,
  type SimBookData,
  type SimClientRequest,
} from '@perp/venue-adapter';
import { backoff, type Backoff } from '@perp/retry';
import { silentLogger, type FeedLogger } from './feed-logger.ts';
import { LocalBook } from './market-book.ts';
import { MarketDataSubscriber } from './market-data-subscriber.ts';
import { bookUpdateOf, publicTradeOf, tickerOf } from './market-mapping.ts';
import type {
  MarketChannelName,
  MarketListener,
  MarketSubscribeOptions,
  MarketSubscription,
} from './market-subscription.ts';

export interface MarketDataRelayOptions {
  /** The sim-venue's base URL (`http://…` or `ws://…`); the relay reads its `/v1/market`. */
  readonly baseUrl: string;
  readonly logger?: FeedLogger;
  /** Least time between two tickers to one subscriber (default 100); the latest one wins. */
  readonly tickerIntervalMs?: number;
  /**
   * Reconnects wait a jittered delay under a ceiling that starts at `reconnectDelayMs` (100) and
   * doubles per failed attempt up to `maxReconnectDelayMs` (5 s), so that the gateway replicas do
   * not all come back at once after a venue outage.
   */
  readonly reconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
  /**
   * The venue sends nothing on a quiet market, so after this much silence the relay pings it; a
   * second silent period means a dead connection, which is dropped and reopened (default 5 s).
   */
  readonly pingIntervalMs?: number;
  /** Levels per side in the snapshot a new `book.*` subscriber gets (default and max 1000). */
  readonly bookDepth?: number;
  readonly clock?: () => number;
}

/** The venue takes at most this many channels per request. */
const CHANNELS_PER_REQUEST = 100;
const IDLE_CLOSE_CODE = 4001;
const BAD_MESSAGE_CLOSE_CODE = 4002;

interface ChannelState {
  readonly name: MarketChannelName;
  readonly kind: MarketChannelKind;
  readonly symbol: string;
  readonly subscribers: Set<MarketDataSubscriber>;
  /** Whether this connection asked the venue for it (`pending`) and the venue confirmed it. */
  upstream: 'none' | 'pending' | 'active';
  /** `book.*` only. */
  readonly book: LocalBook | undefined;
  /** A snapshot was asked for after a gap and has not come yet. */
  resyncing: boolean;
  /** `ticker.*` only: the latest, for new subscribers. */
  ticker: Ticker | undefined;
}

/** Requests in the order sent: the venue answers each one, in order. */
interface PendingRequest {
  readonly op: 'subscribe' | 'unsubscribe';
  readonly channels: readonly string[];
}

/**
 * One WebSocket connection per process to the venue's public market data, shared by every local
 * subscriber: a channel is subscribed upstream when its first local subscriber comes and
 * unsubscribed when its last one goes.
 *
 * - `book.SYMBOL`: each subscriber gets `{ snapshot: true, book }` first (from the relay's own copy
 *   of the book, or the venue's next snapshot while there is none), then every update with
 *   `seq` = previous + 1. An update that does not continue the book makes the relay ask the venue
 *   for a new snapshot (subscribing again), which every subscriber of the symbol then gets,
 *   followed by updates continuing it. After a reconnect every subscriber likewise gets a fresh
 *   snapshot first.
 * - `trades.SYMBOL`: every public trade.
 * - `ticker.SYMBOL`: the latest ticker at once to a new subscriber, then at most one per
 *   `tickerIntervalMs` per subscriber: tickers in between are coalesced, the latest is sent at
 *   the end of the interval.
 *
 * Listeners are called synchronously and must not block; a slow socket is its owner's concern.
 */
export class MarketDataRelay {
  readonly #url: string;
  readonly #logger: FeedLogger;
  readonly #tickerIntervalMs: number;
  readonly #reconnectDelay: Backoff;
  readonly #pingIntervalMs: number;
  readonly #bookDepth: number;
  readonly #clock: () => number;
  readonly #channels = new Map<string, ChannelState>();
  #requests: PendingRequest[] = [];
  #socket: WebSocket | undefined;
  #open = false;
  #started = false;
  #stopped = false;
  #attempt = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #pingTimer: NodeJS.Timeout | undefined;
  #heard = false;
  #pinged = false;
  #closed: Promise<void> = Promise.resolve();

  constructor(options: MarketDataRelayOptions) {
    const url = new URL('/v1/market', options.baseUrl);
    url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
    this.#url = url.toString();
    this.#logger = options.logger ?? silentLogger;
    this.#tickerIntervalMs = options.tickerIntervalMs ?? 100;
    this.#reconnectDelay = backoff({
      initialMs: options.reconnectDelayMs ?? 100,
      maxMs: options.maxReconnectDelayMs ?? 5_000,
    });
    this.#pingIntervalMs = options.pingIntervalMs ?? 5_000;
    this.#bookDepth = Math.min(options.bookDepth ?? BOOK_MAX_DEPTH, BOOK_MAX_DEPTH);
    this.#clock = options.clock ?? Date.now;
  }

  /** True while the connection to the venue is open. */
  get connected(): boolean {
    return this.#open;
  }

  /** Channels this relay has asked the venue for on the current connection. */
  upstreamChannels(): string[] {
    return [...this.#channels.values()]
      .filter((state) => state.upstream !== 'none')
      .map((state) => state.name);
  }

  /** Local subscriptions across all channels. */
  get subscriptionCount(): number {
    let count = 0;
    for (const state of this.#channels.values()) count += state.subscribers.size;
    return count;
  }

  /** Opens the connection (and keeps reopening it until `stop`). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#connect();
  }

  /** Closes the connection and ends every subscription (`relay_stopped`). */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#reconnectTimer);
    clearInterval(this.#pingTimer);
    for (const state of [...this.#channels.values()]) {
      for (const subscriber of [...state.subscribers]) {
        subscriber.end('relay_stopped', 'the market data relay stopped');
      }
    }
    this.#channels.clear();
    this.#socket?.close(1000, 'stopped');
    await this.#closed;
  }

  subscribe<C extends MarketChannelName>(
    channel: C,
    listener: MarketListener<C>,
    options: MarketSubscribeOptions = {},
  ): MarketSubscription {
    if (this.#stopped) throw new Error('the market data relay is stopped');
    const parsed = parseChannel(channel);
    if (parsed === null || parsed.symbol === undefined) {
      throw new TypeError(`${channel} is not book.SYMBOL, trades.SYMBOL or ticker.SYMBOL`);
    }
    let state = this.#channels.get(channel);
    if (state === undefined) {
      state = {
        name: channel,
        kind: parsed.kind,
        symbol: parsed.symbol,
        subscribers: new Set(),
        upstream: 'none',
        book: parsed.kind === 'book' ? new LocalBook(parsed.symbol) : undefined,
        resyncing: false,
        ticker: undefined,
      };
      this.#channels.set(channel, state);
      if (this.#open) this.#request({ op: 'subscribe', channels: [channel] });
    }
    const subscriber = new MarketDataSubscriber(
      channel,
      listener as (data: unknown) => void,
      options.onEnd,
      this.#logger,
      (s) => this.#release(s),
    );
    state.subscribers.add(subscriber);
    const current = state;
    if (current.kind === 'book') {
      // After the caller has its handle; an update cannot come before this (it is a macrotask).
      queueMicrotask(() => {
        if (subscriber.awaitingSnapshot && current.book?.synced) {
          subscriber.deliver(this.#snapshotOf(current.book));
          subscriber.awaitingSnapshot = false;
        }
      });
    } else if (current.kind === 'ticker') {
      queueMicrotask(() => {
        if (current.ticker !== undefined) this.#offerTicker(subscriber, current.ticker);
      });
    }
    return subscriber;
  }

  #release(subscriber: MarketDataSubscriber): void {
    const state = this.#channels.get(subscriber.channel);
    if (state === undefined || !state.subscribers.delete(subscriber)) return;
    subscriber.clearTicker();
    if (state.subscribers.size > 0) return;
    this.#channels.delete(state.name);
    if (this.#open && state.upstream !== 'none') {
      this.#request({ op: 'unsubscribe', channels: [state.name] });
    }
  }

  #connect(): void {
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    const closed = Promise.withResolvers<void>();
    this.#closed = closed.promise;
    socket.addEventListener('open', () => {
      if (this.#socket === socket && !this.#stopped) this.#opened(socket);
    });
    socket.addEventListener('message', (message) => {
      if (this.#socket !== socket || this.#stopped) return;
      this.#heard = true;
      if (typeof message.data === 'string') this.#handle(socket, message.data);
    });
    socket.addEventListener('close', (close) => {
      closed.resolve();
      if (this.#socket !== socket) return;
      this.#lost(`closed (${close.code}${close.reason ? ` ${close.reason}` : ''})`);
    });
    // An 'error' is always followed by 'close'; the listener keeps it handled.
    socket.addEventListener('error', () => undefined);
  }

  #opened(socket: WebSocket): void {
    this.#open = true;
    this.#attempt = 0;
    this.#requests = [];
    this.#heard = true;
    this.#pinged = false;
    this.#pingTimer = setInterval(() => this.#checkAlive(socket), this.#pingIntervalMs);
    const names = [...this.#channels.keys()];
    this.#logger.info({ url: this.#url, channels: names.length }, 'market data relay connected');
    for (let i = 0; i < names.length; i += CHANNELS_PER_REQUEST) {
      this.#request({ op: 'subscribe', channels: names.slice(i, i + CHANNELS_PER_REQUEST) });
    }
  }

  /** The connection is gone (closed, or abandoned as dead): forget its state, reconnect later. */
  #lost(why: string): void {
    const wasOpen = this.#open;
    this.#socket = undefined;
    this.#open = false;
    this.#requests = [];
    clearInterval(this.#pingTimer);
    for (const state of this.#channels.values()) {
      state.upstream = 'none';
      state.resyncing = false;
      if (state.book !== undefined) {
        state.book.invalidate();
        for (const subscriber of state.subscribers) subscriber.awaitingSnapshot = true;
      }
    }
    if (this.#stopped) return;
    if (wasOpen) this.#logger.warn({ url: this.#url, why }, 'market data relay disconnected');
    else if (this.#attempt % 20 === 0) {
      this.#logger.warn({ url: this.#url, why, attempts: this.#attempt + 1 }, 'venue unreachable');
    }
    const delay = this.#reconnectDelay(this.#attempt);
    this.#attempt += 1;
    this.#reconnectTimer = setTimeout(() => {
      if (!this.#stopped) this.#connect();
    }, delay);
  }

  #abandon(socket: WebSocket, code: number, why: string): void {
    if (this.#socket !== socket) return;
    try {
      socket.close(code, why);
    } catch {
      // Closing a socket that is not open yet throws in some states; it is abandoned either way.
    }
    this.#lost(why);
  }

  #checkAlive(socket: WebSocket): void {
    if (this.#heard) {
      this.#heard = false;
      this.#pinged = false;
      return;
    }
    if (this.#pinged) {
      this.#abandon(socket, IDLE_CLOSE_CODE, 'no answer to ping');
      return;
    }
    this.#pinged = true;
    this.#send(socket, { op: 'ping' });
  }

  #request(request: PendingRequest): void {
    const socket = this.#socket;
    if (socket === undefined || !this.#open) return;
    if (request.op === 'subscribe') {
      for (const name of request.channels) {
        const state = this.#channels.get(name);
        if (state !== undefined && state.upstream === 'none') state.upstream = 'pending';
      }
    }
    this.#requests.push(request);
    this.#send(socket, { op: request.op, channels: [...request.channels] });
  }

  #send(socket: WebSocket, request: SimClientRequest): void {
    socket.send(JSON.stringify(request));
  }

  #handle(socket: WebSocket, text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.#abandon(socket, BAD_MESSAGE_CLOSE_CODE, 'not JSON');
      return;
    }
    const type = (raw as { type?: unknown } | null)?.type;
    if (type === 'book' || type === 'trade' || type === 'ticker') {
      const parsed = SimPublicMessage.safeParse(raw);
      if (!parsed.success) {
        this.#logger.warn({ issues: parsed.error.issues }, 'unreadable market data message');
        this.#abandon(socket, BAD_MESSAGE_CLOSE_CODE, 'bad market data');
        return;
      }
      const message = parsed.data;
      const state = this.#channels.get(message.channel);
      if (state === undefined) return;
      if (message.type === 'book') this.#book(state, message.snapshot, message.data);
      else if (message.type === 'trade') this.#trade(state, publicTradeOf(message.data));
      else this.#ticker(state, tickerOf(message.data));
      return;
    }
    const parsed = SimControlMessage.safeParse(raw);
    if (!parsed.success) return; // Heartbeats and what a newer venue adds are not ours.
    const message = parsed.data;
    if (message.type === 'subscribed') this.#subscribed(message.channels);
    else if (message.type === 'unsubscribed') this.#requests.shift();
    else if (message.type === 'error') {
      this.#logger.warn({ code: message.code, message: message.message }, 'venue refused');
    }
  }

  #subscribed(accepted: readonly string[]): void {
    const request = this.#requests.shift();
    if (request === undefined || request.op !== 'subscribe') {
      this.#logger.warn({ accepted }, 'a subscription answer without a request');
      return;
    }
    const ok = new Set(accepted);
    for (const name of request.channels) {
      const state = this.#channels.get(name);
      if (state === undefined) continue;
      if (ok.has(name)) {
        if (state.upstream === 'pending') state.upstream = 'active';
        continue;
      }
      this.#channels.delete(name);
      for (const subscriber of [...state.subscribers]) {
        subscriber.end('rejected', `the venue refused ${name}`);
      }
    }
  }

  #book(state: ChannelState, snapshot: boolean, data: SimBookData): void {
    const book = state.book;
    if (book === undefined || data.symbol !== state.symbol) return;
    if (snapshot) {
      book.reset(data);
      state.resyncing = false;
      const message = this.#snapshotOf(book);
      for (const subscriber of [...state.subscribers]) {
        subscriber.awaitingSnapshot = false;
        subscriber.deliver(message);
      }
      return;
    }
    const outcome = book.apply(data);
    if (outcome === 'applied') {
      const update = bookUpdateOf(data);
      for (const subscriber of [...state.subscribers]) {
        if (!subscriber.awaitingSnapshot) subscriber.deliver(update);
      }
    } else if (outcome === 'gap') {
      this.#logger.warn(
        { channel: state.name, expected: book.seq + 1, got: data.seq },
        'book gap: asking for a snapshot',
      );
      for (const subscriber of state.subscribers) subscriber.awaitingSnapshot = true;
      if (!state.resyncing) {
        state.resyncing = true;
        // Subscribing again to a subscribed channel makes the venue send a snapshot.
        this.#request({ op: 'subscribe', channels: [state.name] });
      }
    }
  }

  #trade(state: ChannelState, trade: PublicTrade): void {
    if (state.kind !== 'trades' || trade.symbol !== state.symbol) return;
    for (const subscriber of [...state.subscribers]) subscriber.deliver(trade);
  }

  #ticker(state: ChannelState, ticker: Ticker): void {
    if (state.kind !== 'ticker' || ticker.symbol !== state.symbol) return;
    state.ticker = ticker;
    for (const subscriber of [...state.subscribers]) this.#offerTicker(subscriber, ticker);
  }

  /** Sends now if the subscriber's interval has passed, else keeps the latest for its end. */
  #offerTicker(subscriber: MarketDataSubscriber, ticker: Ticker): void {
    if (!subscriber.active) return;
    const now = this.#clock();
    const wait = subscriber.lastTickerAt + this.#tickerIntervalMs - now;
    if (wait <= 0 && subscriber.tickerTimer === undefined) {
      subscriber.lastTickerAt = now;
      subscriber.deliver(ticker);
      return;
    }
    subscriber.pendingTicker = ticker;
    subscriber.tickerTimer ??= setTimeout(
      () => {
        subscriber.tickerTimer = undefined;
        const pending = subscriber.pendingTicker;
        subscriber.pendingTicker = undefined;
        if (pending === undefined || !subscriber.active) return;
        subscriber.lastTickerAt = this.#clock();
        subscriber.deliver(pending);
      },
      Math.max(wait, 0),
    );
  }

  #snapshotOf(book: LocalBook): BookChannelData {
    return { snapshot: true, book: book.snapshot(this.#bookDepth) };
  }
}
