import { MAX_CHANNELS_PER_REQUEST, type Channel, type RpcParamsInput } from '@perp/contracts';

/**
 * The channels a client holds and how far it has read the `orders` channel, so a reconnect can
 * subscribe again with `since: { orders }` and the trader's program sees every execution report
 * once, in `seq` order, across any number of reconnects.
 */
export class HeldSubscriptions {
  readonly #channels = new Set<Channel>();
  #ordersSeq: number | undefined;

  get channels(): readonly Channel[] {
    return [...this.#channels];
  }

  /** The seq of the last execution report delivered (or of the snapshot), if any. */
  get ordersSeq(): number | undefined {
    return this.#ordersSeq;
  }

  add(channels: readonly Channel[], since?: number): void {
    for (const channel of channels) this.#channels.add(channel);
    if (since !== undefined) this.#ordersSeq = since;
  }

  remove(channels: readonly string[]): void {
    for (const channel of channels) this.#channels.delete(channel as Channel);
    if (!this.#channels.has('orders')) this.#ordersSeq = undefined;
  }

  /**
   * Moves the orders cursor; false for an execution report at or before it (the overlap of a
   * replay with what was already delivered), which the client then drops.
   */
  admit(channel: string, data: unknown): boolean {
    if (channel !== 'orders' || typeof data !== 'object' || data === null) return true;
    const { snapshot, seq } = data as { readonly snapshot?: unknown; readonly seq?: unknown };
    if (typeof seq !== 'number') return true;
    if (snapshot === true) {
      this.#ordersSeq = seq;
      return true;
    }
    if (this.#ordersSeq !== undefined && seq <= this.#ordersSeq) return false;
    this.#ordersSeq = seq;
    return true;
  }

  /** The subscribe requests that restore every held channel; `orders` resumes after the cursor. */
  resubscribeRequests(): RpcParamsInput<'subscribe'>[] {
    const channels = this.channels;
    const requests: RpcParamsInput<'subscribe'>[] = [];
    for (let start = 0; start < channels.length; start += MAX_CHANNELS_PER_REQUEST) {
      const chunk = channels.slice(start, start + MAX_CHANNELS_PER_REQUEST);
      const resumeOrders = chunk.includes('orders') && this.#ordersSeq !== undefined;
      requests.push(
        resumeOrders
          ? { channels: chunk, since: { orders: this.#ordersSeq } }
          : { channels: chunk },
      );
    }
    return requests;
  }
}
