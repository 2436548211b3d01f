/**
 * A test client of the sim-venue's WebSocket paths (Node's own WebSocket): collects every message
 * and waits for the ones a test expects.
 */
export class StreamClient {
  readonly messages: Record<string, unknown>[] = [];
  readonly #socket: WebSocket;
  readonly #opened: Promise<void>;
  #closed: Promise<{ code: number }>;
  #waiters: (() => void)[] = [];

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
      for (const wake of this.#waiters.splice(0)) wake();
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
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.filter(predicate);
      if (found.length >= count) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `waited ${timeoutMs} ms for ${count} messages; have ${JSON.stringify(this.messages)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
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
