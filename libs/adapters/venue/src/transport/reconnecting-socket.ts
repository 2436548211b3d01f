// A WebSocket to a venue that stays connected for as long as it is wanted: it reconnects after
// any close with a jittered, growing delay, treats silence beyond `idleTimeoutMs` as a dead
// connection, and pings on the venue's schedule. What to send on connecting (subscriptions) and
// how to read messages is the caller's.

import { backoff, type Backoff } from '@perp/retry';

export interface ReconnectingSocketLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ReconnectingSocketOptions {
  readonly url: string;
  /** Each time a connection opens: subscribe. */
  readonly onOpen: (send: (message: unknown) => void) => void;
  /** Each text message. Throwing closes the connection (it is opened again). */
  readonly onMessage: (text: string) => void;
  readonly logger?: ReconnectingSocketLogger;
  /** What to send to keep the connection alive, and how often (e.g. Hyperliquid: 50 s). */
  readonly ping?: { readonly message: unknown; readonly intervalMs: number };
  /** Silence longer than this closes the connection (default 2 ping intervals, else 60 s). */
  readonly idleTimeoutMs?: number;
  readonly reconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
}

const IDLE_CLOSE_CODE = 4001;
const HANDLER_FAILED_CLOSE_CODE = 4002;

export class ReconnectingSocket {
  readonly #options: ReconnectingSocketOptions;
  readonly #delay: Backoff;
  #socket: WebSocket | undefined;
  #stopped = true;
  #attempt = 0;
  #connections = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #pingTimer: NodeJS.Timeout | undefined;
  #closed: Promise<void> = Promise.resolve();

  constructor(options: ReconnectingSocketOptions) {
    this.#options = options;
    this.#delay = backoff({
      initialMs: options.reconnectDelayMs ?? 100,
      maxMs: options.maxReconnectDelayMs ?? 5_000,
    });
  }

  /** True while a connection is open. */
  get connected(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** How many connections have opened so far (1 + reconnects). */
  get connections(): number {
    return this.#connections;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#reconnectTimer);
    this.#clearTimers();
    this.#socket?.close(1000, 'stopped');
    await this.#closed;
  }

  #connect(): void {
    const socket = new WebSocket(this.#options.url);
    this.#socket = socket;
    const closed = Promise.withResolvers<void>();
    this.#closed = closed.promise;
    const send = (message: unknown) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    };
    socket.addEventListener('open', () => {
      if (this.#socket !== socket) return;
      this.#attempt = 0;
      this.#connections += 1;
      this.#touch(socket);
      const { ping } = this.#options;
      if (ping) this.#pingTimer = setInterval(() => send(ping.message), ping.intervalMs);
      this.#options.logger?.info({ url: this.#options.url }, 'venue socket connected');
      this.#options.onOpen(send);
    });
    socket.addEventListener('message', (message) => {
      if (this.#socket !== socket || this.#stopped) return;
      this.#touch(socket);
      if (typeof message.data !== 'string') return;
      try {
        this.#options.onMessage(message.data);
      } catch (error) {
        this.#options.logger?.warn(
          { err: error },
          'venue socket message not handled; reconnecting',
        );
        socket.close(HANDLER_FAILED_CLOSE_CODE, 'handler failed');
      }
    });
    socket.addEventListener('close', (close) => {
      closed.resolve();
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      this.#clearTimers();
      if (this.#stopped) return;
      this.#options.logger?.warn({ code: close.code, reason: close.reason }, 'venue socket closed');
      const delay = this.#delay(this.#attempt);
      this.#attempt += 1;
      this.#reconnectTimer = setTimeout(() => {
        if (!this.#stopped) this.#connect();
      }, delay);
    });
    // An 'error' is always followed by 'close', which reconnects.
    socket.addEventListener('error', () => undefined);
  }

  #touch(socket: WebSocket): void {
    clearTimeout(this.#idleTimer);
    const idle =
      this.#options.idleTimeoutMs ??
      (this.#options.ping ? this.#options.ping.intervalMs * 2 : 60_000);
    this.#idleTimer = setTimeout(() => socket.close(IDLE_CLOSE_CODE, 'idle'), idle);
  }

  #clearTimers(): void {
    clearTimeout(this.#idleTimer);
    clearInterval(this.#pingTimer);
  }
}
