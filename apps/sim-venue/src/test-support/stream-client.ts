import { waitUntil } from '@perp/test-services';

/**
 * A test client of the sim-venue's WebSocket paths (Node's own WebSocket): collects every message
 * and waits for the ones a test expects.
 */
export class StreamClient {
  readonly messages: Record<string, unknown>[] = [];
  readonly #socket: WebSocket;
  readonly #opened: Promise<void>;
  #closed: Promise<{ code: number }>;

  private constructor(url: string) {
    this.#socket = new WebSocket(url);
    this.#opened = new Promise((resolve, reject) => {
      this.#socket.addEventListener('open', () => resolve());
      this.#socket.addEventListener('error', () => reject(new Error(`could not open ${url}`)));
    });
    this.#closed = new Promise((resolve) =>
      this.#socket.addEventListener('close', (event) => resolve({ code: event.code })),
    );
    this.#socket.addEventListener('message', (message) => {
      this.messages.push(JSON.parse(String(message.data)) as Record<string, unknown>);
    });
  }

  static async open(baseUrl: string, pathAndQuery: string): Promise<StreamClient> {
    const client = new StreamClient(`${baseUrl.replace(/^http/, 'ws')}${pathAndQuery}`);
    await client.#opened;
    return client;
  }

  get closed(): Promise<{ code: number }> {
    return this.#closed;
  }

  send(message: unknown): void {
    this.#socket.send(JSON.stringify(message));
  }

  /** The private order events received so far, in arrival order. */
  get orderEvents(): Record<string, unknown>[] {
    return this.messages
      .filter((m) => m['type'] === 'order')
      .map((m) => m['event'] as Record<string, unknown>);
  }

  /** Resolves with the messages matching `predicate` once there are `count` of them. */
  async waitFor(
    predicate: (message: Record<string, unknown>) => boolean,
    count = 1,
    timeoutMs = 5_000,
  ): Promise<Record<string, unknown>[]> {
    // A short interval: messages come over a local socket, and tests wait for many of them.
    await waitUntil(async () => this.messages.filter(predicate).length >= count, {
      timeoutMs,
      intervalMs: 5,
    }).catch((error: unknown) => {
      throw new Error(
        `waited ${timeoutMs} ms for ${count} messages; have ${JSON.stringify(this.messages)}`,
        { cause: error },
      );
    });
    return this.messages.filter(predicate);
  }

  /** Waits until the private events up to `eventSeq` arrived; returns them all. */
  async eventsUntil(eventSeq: number, timeoutMs = 5_000): Promise<Record<string, unknown>[]> {
    await this.waitFor(
      (m) => m['type'] === 'order' && (m['event'] as { eventSeq: number }).eventSeq >= eventSeq,
      1,
      timeoutMs,
    );
    return this.orderEvents;
  }

  async close(): Promise<void> {
    this.#socket.close();
    await this.#closed;
  }
}
