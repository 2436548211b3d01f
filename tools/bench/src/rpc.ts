import { once } from 'node:events';
import WebSocket from 'ws';

/** A JSON-RPC error answer. */
export class RpcError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
  }
}

interface Answer {
  readonly id?: number;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string };
  readonly method?: string;
  readonly params?: { readonly channel?: string; readonly data?: unknown };
}

type Settle = (error: RpcError | undefined, result: unknown) => void;

/** Opens an authenticated socket (token on the upgrade); rejects on HTTP 401/429 or refusal. */
export async function openSocket(url: string, token: string): Promise<WebSocket> {
  const socket = new WebSocket(url, {
    headers: { authorization: `Bearer ${token}` },
    perMessageDeflate: false,
  });
  await Promise.race([
    once(socket, 'open'),
    once(socket, 'unexpected-response').then(([, response]) => {
      const status = (response as { statusCode?: number }).statusCode;
      socket.terminate();
      throw new Error(`upgrade refused with HTTP ${status}`);
    }),
  ]);
  return socket;
}

/**
 * A thin JSON-RPC 2.0 client for load: callbacks instead of promises on the hot path, and
 * subscription notifications handed to one listener with their channel.
 */
export class BenchClient {
  readonly socket: WebSocket;
  #nextId = 1;
  #pending = new Map<number, Settle>();
  onNotification: (channel: string, data: unknown) => void = () => undefined;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data: Buffer) => this.#receive(data.toString('utf8')));
    socket.once('close', () => {
      for (const settle of this.#pending.values())
        settle(new RpcError(-1, 'socket closed'), undefined);
      this.#pending.clear();
    });
  }

  static async connect(url: string, token: string): Promise<BenchClient> {
    return new BenchClient(await openSocket(url, token));
  }

  /** Sends a request; `settle` gets the error or the result once the answer arrives. */
  send(method: string, params: object, settle: Settle): void {
    const id = this.#nextId++;
    this.#pending.set(id, settle);
    this.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  }

  call(method: string, params: object = {}): Promise<unknown> {
    return new Promise((resolve, reject) =>
      this.send(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  }

  close(): void {
    this.socket.close();
  }

  #receive(text: string): void {
    const message = JSON.parse(text) as Answer;
    if (message.method === 'subscription') {
      this.onNotification(message.params?.channel ?? '', message.params?.data);
      return;
    }
    if (typeof message.id !== 'number') return;
    const settle = this.#pending.get(message.id);
    if (!settle) return;
    this.#pending.delete(message.id);
    if (message.error) settle(new RpcError(message.error.code, message.error.message), undefined);
    else settle(undefined, message.result);
  }
}
