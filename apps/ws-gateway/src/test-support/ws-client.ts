import type { IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';

export interface RpcAnswer {
  readonly jsonrpc: '2.0';
  readonly id: string | number | null;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string; readonly data?: unknown };
}

/** What the server sent without being asked (no id): subscriptions, session.shutdown. */
export interface ServerNotice {
  readonly jsonrpc: '2.0';
  readonly method: string;
  readonly params?: unknown;
}

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/** The HTTP answer of an upgrade the server refused. */
export class UpgradeRefused extends Error {
  readonly status: number;
  readonly body: string;
  constructor(status: number, body: string) {
    super(`upgrade refused with ${status}: ${body}`);
    this.status = status;
    this.body = body;
  }
}

/** A real WebSocket client of the gateway, as a trader's program would be. */
export class TestClient {
  readonly socket: WebSocket;
  readonly closed: Promise<Closed>;
  /** Every parsed frame received, in order. */
  readonly received: unknown[] = [];
  readonly #waiters: { test: (message: unknown) => boolean; resolve: (m: unknown) => void }[] = [];
  #nextId = 1;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    socket.on('message', (data) => {
      const message: unknown = JSON.parse(String(data));
      this.received.push(message);
      for (const waiter of [...this.#waiters]) {
        if (waiter.test(message)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    });
  }

  static open(
    url: string,
    options: { token?: string; headers?: Record<string, string>; autoPong?: boolean } = {},
  ) {
    const headers = {
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    };
    const socket = new WebSocket(url, { headers, autoPong: options.autoPong ?? true });
    return new Promise<TestClient>((resolve, reject) => {
      const client = new TestClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_request, response: IncomingMessage) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => reject(new UpgradeRefused(response.statusCode ?? 0, body)));
      });
      socket.once('error', reject);
    });
  }

  /** Sends a request and resolves its answer (matched by id). */
  async call(method: string, params?: unknown, id?: string | number): Promise<RpcAnswer> {
    const requestId = id ?? `r${this.#nextId++}`;
    const answer = this.waitFor((m) => (m as { id?: unknown }).id === requestId);
    this.socket.send(
      JSON.stringify({
        jsonrpc: '2.0',
        id: requestId,
        method,
        ...(params === undefined ? {} : { params }),
      }),
    );
    return (await answer) as RpcAnswer;
  }

  /** The result of a call that must succeed. */
  async result<T = unknown>(method: string, params?: unknown): Promise<T> {
    const answer = await this.call(method, params);
    if (answer.error) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
    return answer.result as T;
  }

  /** Sends a frame as is (text or binary) and resolves the next message that arrives after it. */
  async raw(data: string | Buffer): Promise<RpcAnswer> {
    const answer = this.next();
    this.socket.send(data, { binary: typeof data !== 'string' });
    return (await answer) as RpcAnswer;
  }

  /** The first message, received already or later, that passes `test`. */
  async message(test: (message: unknown) => boolean, timeoutMs = 10_000): Promise<unknown> {
    const seen = this.received.find(test);
    return seen ?? this.waitFor(test, timeoutMs);
  }

  next(): Promise<unknown> {
    return this.waitFor(() => true);
  }

  waitFor(test: (message: unknown) => boolean, timeoutMs = 10_000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const waiter = { test, resolve };
      this.#waiters.push(waiter);
      setTimeout(() => {
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) {
          this.#waiters.splice(index, 1);
          reject(new Error('timed out waiting for a message'));
        }
      }, timeoutMs).unref();
    });
  }

  close(): Promise<Closed> {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1000);
    return this.closed;
  }
}
