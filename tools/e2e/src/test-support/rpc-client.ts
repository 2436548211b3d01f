import WebSocket from 'ws';

/** How long a test waits for anything the platform does asynchronously (queue, OMS, venue). */
export const WAIT_MS = 15_000;

export interface RpcErrorBody {
  readonly code: number;
  readonly message: string;
  readonly data?: Record<string, unknown>;
}

/** One JSON-RPC answer as received: exactly one of `result` and `error`. */
export interface RpcAnswer {
  readonly jsonrpc: '2.0';
  readonly id: string | number | null;
  readonly result?: unknown;
  readonly error?: RpcErrorBody;
}

/** A JSON-RPC error answer, thrown by `call`. */
export class RpcCallError extends Error {
  readonly code: number;
  readonly data: unknown;
  constructor(method: string, error: RpcErrorBody) {
    super(`${method}: ${error.code} ${error.message}`);
    this.name = 'RpcCallError';
    this.code = error.code;
    this.data = error.data;
  }
}

interface Pending {
  readonly resolve: (answer: RpcAnswer) => void;
  readonly reject: (error: Error) => void;
}

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/** Resolves once `check` returns a value (not undefined), polling every 50 ms; else throws `what`. */
export async function until<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A JSON-RPC 2.0 test client on one real WebSocket: requests matched to answers by id, every
 * subscription notification kept per channel (in arrival order), other notifications (e.g.
 * `session.shutdown`) kept by method, and answers nobody asked for (id null) kept too.
 */
export class RpcTestClient {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, Pending>();
  readonly #channels = new Map<string, unknown[]>();
  readonly #notifications: { method: string; params: unknown }[] = [];
  readonly #unmatched: RpcAnswer[] = [];
  #nextId = 1;
  readonly closed: Promise<Closed>;
  #closedWith: Closed | undefined;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data: Buffer) => this.#receive(data.toString('utf8')));
    this.closed = new Promise((resolve) => {
      socket.once('close', (code: number, reason: Buffer) => {
        this.#closedWith = { code, reason: reason.toString('utf8') };
        for (const pending of this.#pending.values())
          pending.reject(new Error(`socket closed (${code}) under a request`));
        this.#pending.clear();
        resolve(this.#closedWith);
      });
    });
  }

  /** Opens a socket, authenticated at the upgrade when `token` is given. */
  static async connect(url: string, token?: string): Promise<RpcTestClient> {
    const socket = new WebSocket(url, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused: HTTP ${response.statusCode}`)),
      );
    });
    return new RpcTestClient(socket);
  }

  get isOpen(): boolean {
    return this.#closedWith === undefined && this.#socket.readyState === WebSocket.OPEN;
  }

  /** Sends a request and resolves with its answer, result or error alike. */
  request(method: string, params?: object): Promise<RpcAnswer> {
    const id = this.#nextId++;
    const answer = new Promise<RpcAnswer>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
    });
    this.#socket.send(
      JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }),
    );
    return answer;
  }

  /** Sends a request and resolves with its result; an error answer rejects with RpcCallError. */
  async call<T = Record<string, unknown>>(method: string, params?: object): Promise<T> {
    const answer = await this.request(method, params);
    if (answer.error) throw new RpcCallError(method, answer.error);
    return answer.result as T;
  }

  /** The error of a request that must fail; a result fails the test. */
  async error(method: string, params?: object): Promise<RpcErrorBody> {
    const answer = await this.request(method, params);
    if (!answer.error)
      throw new Error(`${method} answered ${JSON.stringify(answer.result)}, not an error`);
    return answer.error;
  }

  /** One raw text frame, for frames no well-behaved client would send. */
  sendRaw(text: string): void {
    this.#socket.send(text);
  }

  /** Waits for an answer that matches no request of ours (id null, or an id we never used). */
  unmatchedAnswer(timeoutMs = WAIT_MS): Promise<RpcAnswer> {
    return until('an unmatched answer', () => this.#unmatched.shift(), timeoutMs);
  }

  /** Every notification of `channel` so far, in arrival order. */
  received<T = Record<string, unknown>>(channel: string): T[] {
    return [...(this.#channels.get(channel) ?? [])] as T[];
  }

  /** The first notification of `channel` (received already, or to come) that `match` accepts. */
  waitFor<T = Record<string, unknown>>(
    channel: string,
    match: (data: T) => boolean = () => true,
    timeoutMs = WAIT_MS,
  ): Promise<T> {
    return until(
      `a matching notification on ${channel}`,
      () => this.received<T>(channel).find(match),
      timeoutMs,
    );
  }

  /** Waits until `channel` holds at least `count` notifications that `match` accepts. */
  waitForCount<T = Record<string, unknown>>(
    channel: string,
    count: number,
    match: (data: T) => boolean = () => true,
    timeoutMs = WAIT_MS,
  ): Promise<T[]> {
    return until(
      `${count} notifications on ${channel}`,
      () => {
        const found = this.received<T>(channel).filter(match);
        return found.length >= count ? found : undefined;
      },
      timeoutMs,
    );
  }

  /** Notifications other than `subscription` (e.g. `session.shutdown`), by method. */
  notifications(method: string): unknown[] {
    return this.#notifications.filter((n) => n.method === method).map((n) => n.params);
  }

  /** Closes the socket (if open) and resolves once it is closed. */
  async close(): Promise<Closed> {
    if (this.#closedWith) return this.#closedWith;
    this.#socket.close(1000);
    return this.closed;
  }

  #receive(text: string): void {
    const message = JSON.parse(text) as {
      id?: string | number | null;
      method?: string;
      params?: { channel?: string; data?: unknown };
    } & RpcAnswer;
    if (message.method !== undefined) {
      if (message.method === 'subscription' && typeof message.params?.channel === 'string') {
        const list = this.#channels.get(message.params.channel) ?? [];
        list.push(message.params.data);
        this.#channels.set(message.params.channel, list);
      } else {
        this.#notifications.push({ method: message.method, params: message.params });
      }
      return;
    }
    const pending = typeof message.id === 'number' ? this.#pending.get(message.id) : undefined;
    if (pending && typeof message.id === 'number') {
      this.#pending.delete(message.id);
      pending.resolve(message);
    } else {
      this.#unmatched.push(message);
    }
  }
}
