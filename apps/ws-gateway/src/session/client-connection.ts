import type { JsonRpcNotification, JsonRpcResponse } from '@perp/contracts';
import type { Logger } from '@perp/logger';
import { WebSocket } from 'ws';
import type { Principal } from '@perp/auth';
import { TokenBucket } from '@perp/retry';
import type { RpcConnection } from '../rpc/rpc-connection.ts';

export interface ClientConnectionOptions {
  readonly connectionId: string;
  readonly socket: WebSocket;
  readonly logger: Logger;
  readonly clock: () => number;
  readonly requestsPerSecond: number;
  readonly requestBurst: number;
  /** Logged in at the upgrade (Authorization header), holding a connection slot of its account. */
  readonly principal?: Principal;
  /** Called once, when a socket that opened unauthenticated logs in (it stops counting per IP). */
  readonly onAuthenticated?: () => void;
}

/** A client socket's session state: who it is, its request budget, and its request queue. */
export class ClientConnection implements RpcConnection {
  readonly connectionId: string;
  /** The connection's own request budget (ws-api.md: 50 per second, burst 100). */
  readonly requests: TokenBucket;
  readonly openedAt: number;
  /** Resolves once the socket has closed and the gateway has let go of it. */
  readonly closed: Promise<void>;
  readonly #markClosed: () => void;
  readonly #socket: WebSocket;
  #logger: Logger;
  readonly #clock: () => number;
  #principal: Principal | undefined;
  #marketDataAt: number | undefined;
  #onAuthenticated: (() => void) | undefined;
  #lastSeenAt: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: ClientConnectionOptions) {
    this.connectionId = options.connectionId;
    this.#socket = options.socket;
    this.#clock = options.clock;
    this.#principal = options.principal;
    this.#onAuthenticated = options.onAuthenticated;
    this.#logger = options.logger;
    this.requests = new TokenBucket({
      ratePerSecond: options.requestsPerSecond,
      capacity: options.requestBurst,
      clock: options.clock,
    });
    this.openedAt = options.clock();
    const closed = Promise.withResolvers<void>();
    this.closed = closed.promise;
    this.#markClosed = closed.resolve;
    this.#lastSeenAt = this.openedAt;
  }

  get principal(): Principal | undefined {
    return this.#principal;
  }

  /** When it last asked for public market data (public.book, public.instruments), if ever. */
  get marketDataAt(): number | undefined {
    return this.#marketDataAt;
  }

  readMarketData(): void {
    this.#marketDataAt = this.#clock();
  }

  /** The principal while its token is valid; undefined before login and after expiry. */
  activePrincipal(): Principal | undefined {
    const principal = this.#principal;
    return principal && principal.expiresAt > this.#clock() ? principal : undefined;
  }

  /** Logs with the connection id, and the account once logged in. */
  get logger(): Logger {
    return this.#logger;
  }

  /** Binds the socket to a principal (login, or a refreshed token of the same account). */
  authenticate(principal: Principal): void {
    if (this.#principal?.accountId !== principal.accountId)
      this.#logger = this.#logger.child({ accountId: principal.accountId });
    this.#principal = principal;
    const onAuthenticated = this.#onAuthenticated;
    this.#onAuthenticated = undefined;
    onAuthenticated?.();
  }

  get isOpen(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  get bufferedAmount(): number {
    return this.#socket.bufferedAmount;
  }

  get lastSeenAt(): number {
    return this.#lastSeenAt;
  }

  /** Anything from the client (a frame, a pong) proves it is alive. */
  touch(): void {
    this.#lastSeenAt = this.#clock();
  }

  notify(notification: JsonRpcNotification): boolean {
    return this.#write(notification);
  }

  respond(response: JsonRpcResponse): boolean {
    return this.#write(response);
  }

  /** Called by the endpoint when its close handling is done. */
  markClosed(): void {
    this.#markClosed();
  }

  ping(): void {
    if (this.isOpen) this.#socket.ping();
  }

  close(code: number, reason: string): void {
    if (
      this.#socket.readyState === WebSocket.OPEN ||
      this.#socket.readyState === WebSocket.CONNECTING
    )
      this.#socket.close(code, reason);
  }

  /** Drops the socket without a closing handshake (it stopped answering). */
  terminate(): void {
    this.#socket.terminate();
  }

  /**
   * Runs `work` after every request received before it has been answered, so a client's requests
   * take effect in the order it sent them (a cancel after its place).
   */
  enqueue(work: () => Promise<void>): void {
    this.#queue = this.#queue.then(work).catch((error: unknown) => {
      this.logger.error({ err: error }, 'request handling failed');
    });
  }

  /** Resolves when every request received so far has been answered. */
  idle(): Promise<void> {
    return this.#queue;
  }

  #write(message: object): boolean {
    if (!this.isOpen) return false;
    this.#socket.send(JSON.stringify(message));
    return true;
  }
}
