import WebSocket from 'ws';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** A JSON-RPC error answer from the gateway. */
export class RpcError extends Error {
  readonly code: number;
  readonly data: unknown;
  constructor(code: number, message: string, data: unknown) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.data = data;
  }
}

/** The gateway could not be reached, refused the socket, or the socket closed under a request. */
export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionError';
  }
}

export interface Notification {
  readonly method: string;
  readonly params: unknown;
}

interface Pending {
  readonly method: string;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export interface ConnectOptions {
  readonly url: string;
  /** Sent as `Authorization: Bearer` on the upgrade. */
  readonly token?: string;
  readonly timeoutMs?: number;
}

function describeSocketError(url: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `cannot connect to ${url}: connection refused (is the gateway running? npm start)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot connect to ${url}: unknown host`;
    case 'ETIMEDOUT':
      return `cannot connect to ${url}: timed out`;
    default:
      return `cannot connect to ${url}: ${error.message}`;
  }
}

/**
 * JSON-RPC 2.0 over one WebSocket: numbered requests, one map of pending calls (each with a
 * timeout), notifications to a listener. Results are the parsed JSON as received: decimals stay
 * strings.
 */
export class RpcClient {
  readonly url: string;
  #socket: WebSocket;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #timeoutMs: number;
  #onNotification: ((notification: Notification) => void) | undefined;
  #closed: Promise<{ code: number; reason: string }>;

  private constructor(url: string, socket: WebSocket, timeoutMs: number) {
    this.url = url;
    this.#socket = socket;
    this.#timeoutMs = timeoutMs;
    socket.on('message', (data: Buffer) => this.#receive(data.toString('utf8')));
    this.#closed = new Promise((resolve) => {
      socket.once('close', (code: number, reason: Buffer) => {
        const text = reason.toString('utf8');
        this.#failAll(
          new ConnectionError(
            `connection to ${url} closed (${code}${text === '' ? '' : ` ${text}`})`,
          ),
        );
        resolve({ code, reason: text });
      });
    });
  }

  /** Opens the socket; rejects with a ConnectionError that names the URL. */
  static async connect(options: ConnectOptions): Promise<RpcClient> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let socket: WebSocket;
    try {
      socket = new WebSocket(options.url, {
        handshakeTimeout: timeoutMs,
        maxPayload: 16 * 1024 * 1024,
        ...(options.token === undefined
          ? {}
          : { headers: { authorization: `Bearer ${options.token}` } }),
      });
    } catch (error) {
      throw new ConnectionError(
        `invalid gateway URL "${options.url}": ${(error as Error).message}`,
      );
    }
    await new Promise<void>((resolve, reject) => {
      const fail = (message: string) => {
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        reject(new ConnectionError(message));
      };
      socket.once('open', () => {
        socket.removeAllListeners();
        resolve();
      });
      socket.once('error', (error: NodeJS.ErrnoException) =>
        fail(describeSocketError(options.url, error)),
      );
      socket.once('unexpected-response', (_request, response) => {
        const status = response.statusCode ?? 0;
        const why =
          status === 401
            ? 'the token was not accepted (HTTP 401)'
            : status === 429
              ? 'too many connections for this account (HTTP 429)'
              : `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`;
        fail(`cannot connect to ${options.url}: ${why}`);
      });
    });
    socket.on('error', () => undefined); // reported through 'close'
    return new RpcClient(options.url, socket, timeoutMs);
  }

  /** Where notifications (frames without an id) go; one listener. */
  onNotification(listener: (notification: Notification) => void): void {
    this.#onNotification = listener;
  }

  /** Resolves when the server or this side closed the socket. */
  get closed(): Promise<{ code: number; reason: string }> {
    return this.#closed;
  }

  call<T = unknown>(method: string, params?: object, timeoutMs = this.#timeoutMs): Promise<T> {
    if (this.#socket.readyState !== WebSocket.OPEN)
      return Promise.reject(new ConnectionError(`connection to ${this.url} is closed`));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new ConnectionError(`no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, { method, resolve: resolve as (r: unknown) => void, reject, timer });
      this.#socket.send(
        JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }),
      );
    });
  }

  async close(): Promise<void> {
    if (this.#socket.readyState === WebSocket.CLOSED) return;
    this.#socket.close(1000);
    const timer = setTimeout(() => this.#socket.terminate(), 1_000);
    await this.#closed;
    clearTimeout(timer);
  }

  #receive(text: string): void {
    let frame: {
      id?: unknown;
      method?: unknown;
      params?: unknown;
      result?: unknown;
      error?: { code?: unknown; message?: unknown; data?: unknown };
    };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return; // not JSON: nothing a client can act on
    }
    if (typeof frame.method === 'string' && frame.id === undefined) {
      this.#onNotification?.({ method: frame.method, params: frame.params });
      return;
    }
    if (typeof frame.id !== 'number') return;
    const pending = this.#pending.get(frame.id);
    if (!pending) return;
    this.#pending.delete(frame.id);
    clearTimeout(pending.timer);
    if (frame.error !== undefined) {
      const { code, message, data } = frame.error;
      pending.reject(
        new RpcError(
          typeof code === 'number' ? code : -32603,
          typeof message === 'string' ? message : 'error',
          data,
        ),
      );
    } else {
      pending.resolve(frame.result);
    }
  }

  #failAll(error: Error): void {
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.#pending.delete(id);
    }
  }
}
