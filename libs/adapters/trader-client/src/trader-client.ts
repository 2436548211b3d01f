import { EventEmitter } from 'node:events';
import {
  RpcErrorCode,
  RpcMethods,
  SESSION_SHUTDOWN_METHOD,
  SUBSCRIPTION_METHOD,
  type Channel,
  type ChannelDataOf,
  type RpcMethodName,
  type RpcParamsInput,
  type RpcResult,
} from '@perp/contracts';
import { backoff, type Backoff, type BackoffPolicy } from '@perp/retry';
import { ConnectionError, UpgradeRefused } from './connection-error.ts';
import { HeldSubscriptions } from './held-subscriptions.ts';
import { RpcError } from './rpc-error.ts';
import { reloginAtMs, tokenExpiresAtMs } from './token-expiry.ts';
import {
  RpcSocket,
  type Closed,
  type RequestOptions,
  type RpcSocketOptions,
  type ServerNotice,
} from './rpc-socket.ts';

export interface ReconnectPolicy extends BackoffPolicy {
  /** Gives up (the client closes) after this many failed attempts in a row; default unlimited. */
  readonly maxAttempts?: number;
}

/** Full jitter from 250 ms up to 15 s: a fleet of clients that lost one gateway spreads out. */
export const DEFAULT_RECONNECT: ReconnectPolicy = { initialMs: 250, maxMs: 15_000 };
/** Below the server's 60 s idle limit and at its own 20 s rhythm. */
export const DEFAULT_PING_INTERVAL_MS = 20_000;

export type TokenSource = string | (() => string | Promise<string>);

export interface TraderClientOptions extends Omit<
  RpcSocketOptions,
  'token' | 'recordFrames' | 'autoPong'
> {
  /** `ws://HOST:PORT/v1/ws` */
  readonly url: string;
  /**
   * A token, or a function asked again at every reconnect and, for a JWT, before it expires: the
   * client then logs in again on the open socket (`auth.login`), so a long session never lapses.
   */
  readonly token?: TokenSource;
  /** `false`: a dropped socket closes the client. */
  readonly reconnect?: ReconnectPolicy | false;
  /** Checks every result against the contract's schema (a server that breaks it is an error). */
  readonly validateResults?: boolean;
}

/** One subscription notification, typed by its channel. */
export type ChannelNotification = {
  [C in Channel]: { readonly channel: C; readonly data: ChannelDataOf<C> };
}[Channel];

export type ClientState = 'open' | 'reconnecting' | 'closed';

interface TraderClientEvents {
  notification: [notification: ChannelNotification];
  /** Notifications other than subscriptions (`session.shutdown`). */
  notice: [notice: ServerNotice];
  /** The socket dropped; a reconnect follows unless the client is closing or may not. */
  disconnected: [closed: Closed];
  reconnecting: [attempt: number, delayMs: number];
  /** Connected again and every held channel restored (orders resumed after the last seq seen). */
  reconnected: [attempts: number];
  /** An attempt failed; the next follows after the backoff. */
  reconnectFailed: [error: Error, attempt: number];
  /** Logged in again on the open socket with a fresh token from the token function. */
  tokenRefreshed: [expiresAtMs: number | undefined];
  /** A refresh failed; it is tried again in a few seconds while the current token lasts. */
  tokenRefreshFailed: [error: Error];
  /** Final: closed by `close()`, by policy, or given up. */
  closed: [closed: Closed];
}

type ParamsArgs<M extends RpcMethodName> =
  Record<string, never> extends RpcParamsInput<M>
    ? [params?: RpcParamsInput<M>, options?: RequestOptions]
    : [params: RpcParamsInput<M>, options?: RequestOptions];

/**
 * The client of the trader API (docs/ws-api.md): typed calls from the contract's method table,
 * subscriptions that survive reconnects without losing or repeating an execution report, reconnect
 * with jittered backoff (honouring the server's `session.shutdown` hint), and a ping that notices a
 * dead path. Errors: `RpcError` for the API's answers, `ConnectionError` for the transport.
 */
export class TraderClient extends EventEmitter<TraderClientEvents> {
  readonly url: string;
  /** Resolves once the client is closed for good. */
  readonly closed: Promise<Closed>;
  readonly #options: TraderClientOptions;
  readonly #held = new HeldSubscriptions();
  readonly #backoff: Backoff | undefined;
  readonly #maxAttempts: number;
  #socket: RpcSocket;
  #state: ClientState = 'open';
  #shutdownDelayMs: number | undefined;
  #resolveClosed!: (closed: Closed) => void;
  #wakeReconnect: (() => void) | undefined;
  #reloginTimer: NodeJS.Timeout | undefined;

  private constructor(options: TraderClientOptions, opened: OpenedSocket) {
    super();
    this.url = options.url;
    this.#options = options;
    const policy = options.reconnect ?? DEFAULT_RECONNECT;
    this.#backoff = policy === false ? undefined : backoff(policy);
    this.#maxAttempts = policy === false ? 0 : (policy.maxAttempts ?? Number.POSITIVE_INFINITY);
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
    this.#socket = opened.socket;
    this.#attach(opened.socket);
    this.#scheduleRelogin(opened.token);
  }

  /** Connects once (no retry: a wrong URL or token fails at once); reconnects after that. */
  static async connect(options: TraderClientOptions): Promise<TraderClient> {
    return new TraderClient(options, await openSocket(options));
  }

  get state(): ClientState {
    return this.#state;
  }

  get isOpen(): boolean {
    return this.#state === 'open' && this.#socket.isOpen;
  }

  /** The channels held, restored after every reconnect. */
  get subscriptions(): readonly Channel[] {
    return this.#held.channels;
  }

  /** The seq of the last execution report delivered on `orders`. */
  get ordersSeq(): number | undefined {
    return this.#held.ordersSeq;
  }

  /** Calls a method; resolves its result, rejects with RpcError or ConnectionError. */
  async call<M extends RpcMethodName>(method: M, ...[params, options]: ParamsArgs<M>) {
    if (!this.isOpen) throw new ConnectionError(`not connected to ${this.url} (${this.#state})`);
    const result = await this.#socket.result(method, params, options);
    if (!this.#options.validateResults) return result as RpcResult<M>;
    const parsed = RpcMethods[method].result.safeParse(result);
    if (!parsed.success)
      throw new Error(`${method}: the result breaks the contract: ${parsed.error.message}`);
    return parsed.data as RpcResult<M>;
  }

  /**
   * Subscribes and remembers the channels. `sinceOrders`: the last seq this program has, so every
   * later execution report is replayed first (ws-api.md).
   */
  async subscribe(channels: readonly Channel[], sinceOrders?: number) {
    const result = await this.call(
      'subscribe',
      sinceOrders === undefined
        ? { channels: [...channels] }
        : { channels: [...channels], since: { orders: sinceOrders } },
    );
    this.#held.add(result.subscribed, sinceOrders);
    return result;
  }

  async unsubscribe(channels: readonly Channel[]) {
    const result = await this.call('unsubscribe', { channels: [...channels] });
    this.#held.remove(result.unsubscribed);
    return result;
  }

  /** Listens to one channel's data; returns the function that stops listening. */
  onChannel<C extends Channel>(channel: C, listener: (data: ChannelDataOf<C>) => void) {
    const forward = (notification: ChannelNotification) => {
      if (notification.channel === channel) listener(notification.data as ChannelDataOf<C>);
    };
    this.on('notification', forward);
    return () => void this.off('notification', forward);
  }

  /** Closes for good: no reconnect; pending calls reject with ConnectionError. */
  async close(): Promise<Closed> {
    if (this.#state === 'closed') return this.closed;
    this.#state = 'closed';
    this.#wakeReconnect?.();
    clearTimeout(this.#reloginTimer);
    const closed = await this.#socket.close();
    this.#finish(closed);
    return closed;
  }

  #attach(socket: RpcSocket): void {
    socket.on('notice', (notice) => this.#onNotice(notice));
    socket.once('close', (closed) => {
      if (socket !== this.#socket || this.#state === 'closed') return;
      clearTimeout(this.#reloginTimer);
      this.emit('disconnected', closed);
      if (!this.#backoff) {
        this.#state = 'closed';
        this.#finish(closed);
        return;
      }
      void this.#reconnect(closed);
    });
  }

  #onNotice(notice: ServerNotice): void {
    if (notice.method === SUBSCRIPTION_METHOD) {
      const params = notice.params as { readonly channel?: unknown; readonly data?: unknown };
      if (typeof params?.channel !== 'string') return;
      if (!this.#held.admit(params.channel, params.data)) return;
      this.emit('notification', params as ChannelNotification);
      return;
    }
    if (notice.method === SESSION_SHUTDOWN_METHOD) {
      const after = (notice.params as { readonly reconnectAfterMs?: unknown })?.reconnectAfterMs;
      if (typeof after === 'number' && after >= 0) this.#shutdownDelayMs = after;
    }
    this.emit('notice', notice);
  }

  async #reconnect(lost: Closed): Promise<void> {
    this.#state = 'reconnecting';
    const backoffOf = this.#backoff as Backoff;
    for (let attempt = 0; this.#state === 'reconnecting'; attempt += 1) {
      if (attempt >= this.#maxAttempts) {
        this.#state = 'closed';
        this.#finish(lost);
        return;
      }
      const delayMs =
        attempt === 0 && this.#shutdownDelayMs !== undefined
          ? this.#shutdownDelayMs
          : backoffOf(attempt);
      this.#shutdownDelayMs = undefined;
      this.emit('reconnecting', attempt + 1, delayMs);
      await this.#sleep(delayMs);
      if (this.#state !== 'reconnecting') return;
      let socket: RpcSocket | undefined;
      try {
        const opened = await openSocket(this.#options);
        socket = opened.socket;
        if (this.#state !== 'reconnecting') {
          await socket.close();
          return;
        }
        this.#socket = socket;
        this.#attach(socket);
        for (const request of this.#held.resubscribeRequests())
          await socket.result('subscribe', request);
        this.#state = 'open';
        this.#scheduleRelogin(opened.token);
        this.emit('reconnected', attempt + 1);
        return;
      } catch (error) {
        if (socket?.isOpen) await socket.close();
        this.emit('reconnectFailed', error as Error, attempt + 1);
        // A token that was refused will be refused again; only a token source can mend it.
        if (isRefusedToken(error) && typeof this.#options.token !== 'function') {
          this.#state = 'closed';
          this.#finish(lost);
          return;
        }
      }
    }
  }

  /** With a token function and a JWT: `auth.login` again on this socket before the token expires. */
  #scheduleRelogin(token: string | undefined, retryInMs?: number): void {
    clearTimeout(this.#reloginTimer);
    const source = this.#options.token;
    if (typeof source !== 'function' || token === undefined) return;
    const expiresAtMs = tokenExpiresAtMs(token);
    if (expiresAtMs === undefined) return;
    const now = Date.now();
    if (retryInMs !== undefined && now + retryInMs >= expiresAtMs) return; // lapsed: the next call says so
    const delay = retryInMs ?? reloginAtMs(expiresAtMs, now) - now;
    const socket = this.#socket;
    this.#reloginTimer = setTimeout(() => {
      void (async () => {
        try {
          const fresh = await source();
          if (socket !== this.#socket || !this.isOpen) return;
          await this.call('auth.login', { token: fresh });
          this.#scheduleRelogin(fresh);
          this.emit('tokenRefreshed', tokenExpiresAtMs(fresh));
        } catch (error) {
          if (socket !== this.#socket || this.#state === 'closed') return;
          this.emit('tokenRefreshFailed', error as Error);
          this.#scheduleRelogin(token, RELOGIN_RETRY_MS);
        }
      })();
    }, delay);
    this.#reloginTimer.unref();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wakeReconnect = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wakeReconnect = done;
    });
  }

  #finish(closed: Closed): void {
    this.#resolveClosed(closed);
    this.emit('closed', closed);
  }
}

function isRefusedToken(error: unknown): boolean {
  return (
    (error instanceof UpgradeRefused && error.status === 401) ||
    (error instanceof RpcError && error.code === RpcErrorCode.NotAuthenticated)
  );
}

/** A failed refresh is tried again this soon, while the current token lasts. */
const RELOGIN_RETRY_MS = 5_000;

interface OpenedSocket {
  readonly socket: RpcSocket;
  /** The token it logged in with at the upgrade. */
  readonly token: string | undefined;
}

async function openSocket(options: TraderClientOptions): Promise<OpenedSocket> {
  const {
    token: source,
    url,
    reconnect: _reconnect,
    validateResults: _validate,
    ...rest
  } = options;
  const token = typeof source === 'function' ? await source() : source;
  const socket = await RpcSocket.open(url, {
    pingIntervalMs: DEFAULT_PING_INTERVAL_MS,
    ...rest,
    ...(token === undefined ? {} : { token }),
  });
  return { socket, token };
}
