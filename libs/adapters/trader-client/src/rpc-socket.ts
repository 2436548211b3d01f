import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { SUBSCRIPTION_METHOD, type JsonRpcErrorObject, type JsonRpcId } from '@perp/contracts';
import WebSocket from 'ws';
import { ConnectionError, UpgradeRefused, describeSocketError } from './connection-error.ts';
import { RpcError } from './rpc-error.ts';

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** One JSON-RPC answer as received: exactly one of `result` and `error`. */
export interface RpcAnswer {
  readonly jsonrpc: '2.0';
  readonly id: JsonRpcId | null;
  readonly result?: unknown;
  readonly error?: JsonRpcErrorObject;
}

/** A frame the server sent without an id: `subscription`, `session.shutdown`. */
export interface ServerNotice {
  readonly method: string;
  readonly params?: unknown;
}

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

export interface RpcSocketOptions {
  /** Sent as `Authorization: Bearer` on the upgrade. */
  readonly token?: string;
  /** More upgrade headers (tests send malformed authorisations). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Answer the server's pings (default true); a heartbeat test turns it off. */
  readonly autoPong?: boolean;
  readonly handshakeTimeoutMs?: number;
  /** How long `request` waits for its answer (default 10 s). */
  readonly requestTimeoutMs?: number;
  /** Larger notifications than this close the socket (default 16 MiB). */
  readonly maxPayload?: number;
  readonly perMessageDeflate?: boolean;
  /**
   * Pings the server this often and drops the socket (close 1006; `TraderClient` then reconnects)
   * when a pong has not come back by the next ping; 0 (default) sends none. The server
   * pings too, but only a client's own ping tells it that a half-open TCP path died.
   */
  readonly pingIntervalMs?: number;
  /** Keeps every frame received, for callers that look back (`frames`, `frameMatching`). */
  readonly recordFrames?: boolean;
}

export interface RequestOptions {
  /** The request id; a fresh number by default. */
  readonly id?: JsonRpcId;
  readonly timeoutMs?: number;
}

interface Pending {
  readonly method: string;
  readonly resolve: (answer: RpcAnswer) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

interface RpcSocketEvents {
  /** Every frame, parsed, in arrival order. */
  frame: [frame: unknown];
  /** A frame without an id. */
  notice: [notice: ServerNotice];
  /** An answer to no request of ours (id null, or an id that timed out). */
  unmatched: [answer: RpcAnswer];
  close: [closed: Closed];
}

/**
 * JSON-RPC 2.0 over one WebSocket: requests matched to answers by id (each with a timeout),
 * notices and unmatched answers as events. No reconnect: `TraderClient` builds that on top. The
 * raw `socket` is exposed for protocol tests (pause, binary frames, pings).
 */
export class RpcSocket extends EventEmitter<RpcSocketEvents> {
  readonly url: string;
  readonly socket: WebSocket;
  /** Resolves once the socket has closed, from either side. */
  readonly closed: Promise<Closed>;
  readonly #pending = new Map<JsonRpcId, Pending>();
  readonly #requestTimeoutMs: number;
  readonly #frames: unknown[] | undefined;
  #nextId = 1;
  #closedWith: Closed | undefined;
  #pingTimer: NodeJS.Timeout | undefined;

  private constructor(url: string, socket: WebSocket, options: RpcSocketOptions) {
    super();
    this.url = url;
    this.socket = socket;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.#frames = options.recordFrames ? [] : undefined;
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) this.#receive(data.toString('utf8'));
    });
    socket.on('error', () => undefined); // reported through 'close'
    this.closed = new Promise((resolve) => {
      socket.once('close', (code: number, reason: Buffer) => {
        clearInterval(this.#pingTimer);
        const closed = { code, reason: reason.toString('utf8') };
        this.#closedWith = closed;
        const text = closed.reason === '' ? '' : ` ${closed.reason}`;
        this.#failAll(new ConnectionError(`connection to ${url} closed (${code}${text})`));
        resolve(closed);
        this.emit('close', closed);
      });
    });
    if (options.pingIntervalMs) this.#keepAlive(options.pingIntervalMs);
  }

  /** Opens the socket; rejects with UpgradeRefused (HTTP status and body) or ConnectionError. */
  static async open(url: string, options: RpcSocketOptions = {}): Promise<RpcSocket> {
    const headers = {
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    };
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, {
        headers,
        autoPong: options.autoPong ?? true,
        handshakeTimeout: options.handshakeTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        maxPayload: options.maxPayload ?? 16 * 1024 * 1024,
        perMessageDeflate: options.perMessageDeflate ?? false,
      });
    } catch (error) {
      throw new ConnectionError(`invalid gateway URL "${url}": ${(error as Error).message}`);
    }
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        reject(error);
      };
      socket.once('open', () => {
        socket.removeAllListeners();
        resolve();
      });
      socket.once('error', (error: NodeJS.ErrnoException) =>
        fail(new ConnectionError(describeSocketError(url, error), { cause: error })),
      );
      socket.once('unexpected-response', (_request, response: IncomingMessage) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () => fail(new UpgradeRefused(url, response.statusCode ?? 0, body)));
      });
    });
    return new RpcSocket(url, socket, options);
  }

  get isOpen(): boolean {
    return this.#closedWith === undefined && this.socket.readyState === WebSocket.OPEN;
  }

  /** Every frame received so far (only with `recordFrames`). */
  get frames(): readonly unknown[] {
    if (!this.#frames) throw new Error('RpcSocket was opened without recordFrames');
    return this.#frames;
  }

  /** The data of every subscription notification on `channel` so far (with `recordFrames`). */
  channelData<T = unknown>(channel: string): T[] {
    return this.frames.filter(onChannel(channel)).map((frame) => frame.params.data as T);
  }

  /** The first data on `channel`, received already (with `recordFrames`) or to come, that `match` accepts. */
  async channelDataMatching<T = unknown>(
    channel: string,
    match: (data: T) => boolean = () => true,
    timeoutMs = this.#requestTimeoutMs,
  ): Promise<T> {
    const isOn = onChannel(channel);
    const frame = await this.frameMatching((f) => isOn(f) && match(f.params.data as T), timeoutMs);
    return (frame as ChannelFrame).params.data as T;
  }

  /** The params of every notification of `method` so far, other than subscriptions (`session.shutdown`). */
  noticesOf(method: string): unknown[] {
    return this.frames
      .filter((frame) => (frame as { method?: unknown }).method === method)
      .map((frame) => (frame as { params?: unknown }).params);
  }

  /** Sends a request; resolves with its answer, result or error alike. */
  request(method: string, params?: unknown, options: RequestOptions = {}): Promise<RpcAnswer> {
    if (!this.isOpen)
      return Promise.reject(new ConnectionError(`connection to ${this.url} is closed`));
    const id = options.id ?? this.#nextId++;
    if (this.#pending.has(id)) return Promise.reject(new Error(`request id ${id} is in use`));
    const timeoutMs = options.timeoutMs ?? this.#requestTimeoutMs;
    return new Promise<RpcAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new ConnectionError(`no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, { method, resolve, reject, timer });
      this.socket.send(
        JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }),
      );
    });
  }

  /** The result of a request; an error answer rejects with RpcError. */
  async result<T = unknown>(
    method: string,
    params?: unknown,
    options?: RequestOptions,
  ): Promise<T> {
    const answer = await this.request(method, params, options);
    if (answer.error) throw new RpcError(method, answer.error);
    return answer.result as T;
  }

  /** Sends a frame as is (text, or a Buffer as a binary frame): for frames no client should send. */
  send(data: string | Buffer): void {
    this.socket.send(data, { binary: typeof data !== 'string' });
  }

  /** Sends a frame as is and resolves the next frame that arrives (the answer, for a lone socket). */
  async sendAndReceive(data: string | Buffer): Promise<RpcAnswer> {
    const next = this.nextFrame();
    this.send(data);
    return (await next) as RpcAnswer;
  }

  /** The next frame to arrive. */
  nextFrame(timeoutMs = this.#requestTimeoutMs): Promise<unknown> {
    return this.#awaitFrame(() => true, timeoutMs);
  }

  /** The first frame, received already (with `recordFrames`) or to come, that passes `test`. */
  frameMatching(test: (frame: unknown) => boolean, timeoutMs = this.#requestTimeoutMs) {
    const seen = this.#frames?.find(test);
    return seen === undefined ? this.#awaitFrame(test, timeoutMs) : Promise.resolve(seen);
  }

  /** Closes (code 1000 by default) and resolves once closed; terminates after 1 s of silence. */
  async close(code = 1000, reason?: string): Promise<Closed> {
    if (this.#closedWith) return this.#closedWith;
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(code, reason);
    const timer = setTimeout(() => this.socket.terminate(), 1_000);
    const closed = await this.closed;
    clearTimeout(timer);
    return closed;
  }

  #awaitFrame(test: (frame: unknown) => boolean, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const onFrame = (frame: unknown) => {
        if (!test(frame)) return;
        clearTimeout(timer);
        this.off('frame', onFrame);
        resolve(frame);
      };
      const timer = setTimeout(() => {
        this.off('frame', onFrame);
        reject(new Error(`no matching frame from ${this.url} within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      this.on('frame', onFrame);
    });
  }

  #keepAlive(intervalMs: number): void {
    let answered = true;
    this.socket.on('pong', () => (answered = true));
    this.#pingTimer = setInterval(() => {
      if (!answered) {
        // A close handshake would wait on the same dead path: drop it now.
        this.socket.terminate();
        return;
      }
      answered = false;
      this.socket.ping();
    }, intervalMs);
    this.#pingTimer.unref();
  }

  #receive(text: string): void {
    let frame: {
      readonly id?: JsonRpcId | null;
      readonly method?: unknown;
      readonly params?: unknown;
      readonly result?: unknown;
      readonly error?: JsonRpcErrorObject;
    };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return; // not JSON: nothing a client can act on
    }
    if (typeof frame !== 'object' || frame === null) return;
    this.#frames?.push(frame);
    this.emit('frame', frame);
    if (typeof frame.method === 'string' && frame.id === undefined) {
      this.emit('notice', { method: frame.method, params: frame.params });
      return;
    }
    const answer = frame as RpcAnswer;
    const pending =
      answer.id === null || answer.id === undefined ? undefined : this.#pending.get(answer.id);
    if (!pending) {
      this.emit('unmatched', answer);
      return;
    }
    this.#pending.delete(answer.id as JsonRpcId);
    clearTimeout(pending.timer);
    pending.resolve(answer);
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.#pending.clear();
  }
}

interface ChannelFrame {
  readonly method: typeof SUBSCRIPTION_METHOD;
  readonly params: { readonly channel: string; readonly data: unknown };
}

function onChannel(channel: string): (frame: unknown) => frame is ChannelFrame {
  return (frame): frame is ChannelFrame => {
    const f = frame as Partial<ChannelFrame> | null;
    return f?.method === SUBSCRIPTION_METHOD && f.params?.channel === channel;
  };
}
