import { backoff, type Backoff } from '@perp/retry';
import { SimOrderEvent } from './protocol/order-events.ts';
import { SimWelcome } from './protocol/stream-messages.ts';
import type { StreamPosition } from './stream-position.ts';

export interface SimVenueEventStreamLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SimVenueEventStreamOptions {
  /** The sim-venue's base URL (`http://…` or `ws://…`); the stream is its `/v1/stream`. */
  readonly baseUrl: string;
  /** Resume after this event (default: from the first). */
  readonly from?: StreamPosition;
  /**
   * Called for each event, in order, once. If it throws, the event counts as not delivered: the
   * stream reconnects and offers it again.
   */
  readonly onEvent: (event: SimOrderEvent, position: StreamPosition) => void;
  /** The venue's journal changed (its data was reset): numbering starts again from 1. */
  readonly onJournalChanged?: (previous: string, current: string) => void;
  readonly logger?: SimVenueEventStreamLogger;
  /**
   * Reconnects wait a jittered delay under a ceiling that starts at `reconnectDelayMs` (100) and
   * doubles per failed attempt up to `maxReconnectDelayMs` (5 s).
   */
  readonly reconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
  /** Silence longer than this (default 3 heartbeats) counts as a dead connection. */
  readonly idleTimeoutMs?: number;
}

const GAP_CLOSE_CODE = 4000;
const IDLE_CLOSE_CODE = 4001;
const BAD_MESSAGE_CLOSE_CODE = 4002;

/**
 * A resuming reader of the sim-venue's private event stream (every account's order events).
 * After any disconnect it reconnects with backoff and asks for the events after the last one it
 * delivered, drops what it already delivered, and reconnects on a gap: each event reaches
 * `onEvent` once and in `eventSeq` order for as long as this object lives.
 */
export class SimVenueEventStream {
  readonly #options: SimVenueEventStreamOptions;
  readonly #streamUrl: string;
  #position: StreamPosition;
  #socket: WebSocket | undefined;
  #connected = false;
  #stopped = true;
  readonly #reconnectDelay: Backoff;
  #attempt = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #idleTimeoutMs: number;
  #closed: Promise<void> = Promise.resolve();

  constructor(options: SimVenueEventStreamOptions) {
    this.#options = options;
    this.#position = options.from ?? { journalId: null, eventSeq: 0 };
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 15_000;
    this.#reconnectDelay = backoff({
      initialMs: options.reconnectDelayMs ?? 100,
      maxMs: options.maxReconnectDelayMs ?? 5_000,
    });
    const url = new URL('/v1/stream', options.baseUrl);
    url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
    this.#streamUrl = url.toString();
  }

  /** The last event delivered. */
  get position(): StreamPosition {
    return this.#position;
  }

  /** True between the venue's welcome and the next disconnect. */
  get connected(): boolean {
    return this.#connected;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#connect();
  }

  /** Closes the connection; no event is delivered once this is called. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#reconnectTimer);
    clearTimeout(this.#idleTimer);
    this.#socket?.close(1000, 'stopped');
    await this.#closed;
  }

  #connect(): void {
    const url = new URL(this.#streamUrl);
    url.searchParams.set('since', String(this.#position.eventSeq));
    if (this.#position.journalId !== null)
      url.searchParams.set('journalId', this.#position.journalId);
    const socket = new WebSocket(url);
    this.#socket = socket;
    const closed = Promise.withResolvers<void>();
    this.#closed = closed.promise;
    socket.addEventListener('message', (message) => {
      if (this.#socket !== socket || this.#stopped) return;
      this.#touch(socket);
      if (typeof message.data === 'string') this.#handle(socket, message.data);
    });
    socket.addEventListener('close', (close) => {
      closed.resolve();
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      this.#connected = false;
      clearTimeout(this.#idleTimer);
      if (this.#stopped) return;
      this.#options.logger?.warn(
        { code: close.code, reason: close.reason, eventSeq: this.#position.eventSeq },
        'venue stream disconnected',
      );
      this.#scheduleReconnect();
    });
    // An 'error' is always followed by 'close', which reconnects; the listener keeps it handled.
    socket.addEventListener('error', () => undefined);
    this.#touch(socket);
  }

  #scheduleReconnect(): void {
    const delay = this.#reconnectDelay(this.#attempt);
    this.#attempt += 1;
    this.#reconnectTimer = setTimeout(() => {
      if (!this.#stopped) this.#connect();
    }, delay);
  }

  #touch(socket: WebSocket): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => socket.close(IDLE_CLOSE_CODE, 'idle'), this.#idleTimeoutMs);
  }

  #handle(socket: WebSocket, data: string): void {
    let message: { type?: unknown; event?: unknown };
    try {
      message = JSON.parse(data) as { type?: unknown };
    } catch {
      socket.close(BAD_MESSAGE_CLOSE_CODE, 'not JSON');
      return;
    }
    if (message.type === 'welcome') this.#welcome(socket, message);
    else if (message.type === 'order') this.#event(socket, message.event);
    // Heartbeats only prove the connection alive (#touch); public messages are not ours.
  }

  #welcome(socket: WebSocket, message: unknown): void {
    const parsed = SimWelcome.safeParse(message);
    if (!parsed.success) {
      socket.close(BAD_MESSAGE_CLOSE_CODE, 'bad welcome');
      return;
    }
    const welcome = parsed.data;
    const previous = this.#position.journalId;
    if (previous !== null && previous !== welcome.journalId) {
      this.#options.logger?.warn(
        { previous, current: welcome.journalId },
        'the venue journal changed: reading it from the start',
      );
      this.#options.onJournalChanged?.(previous, welcome.journalId);
      this.#position = { journalId: welcome.journalId, eventSeq: welcome.since };
    } else {
      this.#position = { journalId: welcome.journalId, eventSeq: this.#position.eventSeq };
    }
    this.#idleTimeoutMs = this.#options.idleTimeoutMs ?? welcome.heartbeatMs * 3;
    this.#touch(socket);
    this.#attempt = 0;
    this.#connected = true;
    this.#options.logger?.info(
      { journalId: welcome.journalId, since: this.#position.eventSeq, last: welcome.lastEventSeq },
      'venue stream connected',
    );
  }

  #event(socket: WebSocket, raw: unknown): void {
    if (!this.#connected) return;
    const parsed = SimOrderEvent.safeParse(raw);
    if (!parsed.success) {
      this.#options.logger?.warn({ issues: parsed.error.issues }, 'unreadable venue event');
      socket.close(BAD_MESSAGE_CLOSE_CODE, 'bad event');
      return;
    }
    const event = parsed.data;
    const last = this.#position.eventSeq;
    if (event.eventSeq <= last) return;
    if (event.eventSeq !== last + 1) {
      this.#options.logger?.warn({ expected: last + 1, got: event.eventSeq }, 'venue stream gap');
      this.#connected = false;
      socket.close(GAP_CLOSE_CODE, 'gap');
      return;
    }
    const position = { journalId: this.#position.journalId, eventSeq: event.eventSeq };
    try {
      this.#options.onEvent(event, position);
    } catch (error) {
      this.#options.logger?.warn({ err: error, eventSeq: event.eventSeq }, 'event handler failed');
      this.#connected = false;
      socket.close(GAP_CLOSE_CODE, 'handler failed');
      return;
    }
    this.#position = position;
  }
}
