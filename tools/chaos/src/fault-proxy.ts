// A TCP proxy in front of one dependency (DynamoDB Local, the SQS emulator, the venue), which the
// suite switches between passing, added latency and down. Down means what an outage looks like to
// a client: open connections are reset and new ones are refused until it is back.
import { createServer, connect, type Server, type Socket } from 'node:net';

export type ProxyMode =
  | { readonly kind: 'pass' }
  | { readonly kind: 'down' }
  | { readonly kind: 'slow'; readonly latencyMs: number };

export const PASS: ProxyMode = { kind: 'pass' };

export class FaultProxy {
  readonly name: string;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #mode: ProxyMode = PASS;
  #port = 0;

  private constructor(name: string, target: { host: string; port: number }) {
    this.name = name;
    this.#server = createServer((client) => this.#accept(client, target));
  }

  /** Listens on a free port of 127.0.0.1 and forwards to `target` (`host:port`). */
  static async start(name: string, target: { host: string; port: number }): Promise<FaultProxy> {
    const proxy = new FaultProxy(name, target);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    const address = proxy.#server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no port');
    proxy.#port = address.port;
    return proxy;
  }

  get port(): number {
    return this.#port;
  }

  /** `http://127.0.0.1:<port>`: what the apps are given instead of the dependency's own address. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get mode(): ProxyMode {
    return this.#mode;
  }

  set(mode: ProxyMode): void {
    this.#mode = mode;
    if (mode.kind === 'down') for (const socket of this.#sockets) socket.resetAndDestroy();
  }

  #accept(client: Socket, target: { host: string; port: number }): void {
    if (this.#mode.kind === 'down') {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.#sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    this.#pipe(client, upstream);
    this.#pipe(upstream, client);
  }

  /** Forwards chunks in order; in `slow` mode each leaves `latencyMs` after it arrived. */
  #pipe(from: Socket, to: Socket): void {
    let chain = Promise.resolve();
    from.on('data', (chunk) => {
      const mode = this.#mode;
      const due = mode.kind === 'slow' ? Date.now() + mode.latencyMs : 0;
      chain = chain.then(async () => {
        const wait = due - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (!to.destroyed) to.write(chunk);
      });
    });
    from.on('end', () => void chain.then(() => to.end()));
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
