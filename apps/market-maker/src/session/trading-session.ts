import type { ExecutionReport, Order, RpcParamsInput } from '@perp/contracts';
import type { Logger } from '@perp/logger';
import { TraderClient, type TokenSource } from '@perp/trader-client';
import type { InstrumentSymbol } from '@perp/trading-domain';
import type { OrderRequests } from '../quoting/symbol-quoter.ts';
import { TickerReference } from '../reference/ticker-reference.ts';
import type { AccountState } from './account-state.ts';

export interface TradingSessionOptions {
  readonly url: string;
  readonly token: TokenSource;
  readonly symbols: readonly InstrumentSymbol[];
  readonly ticker: TickerReference;
  readonly account: AccountState;
  readonly logger: Logger;
  /** Dry run: the platform is read, never told to cancel anything on a disconnect. */
  readonly dryRun: boolean;
  readonly onReport: (report: ExecutionReport) => void;
  /** Positions were reported: these symbols', or all of them (a snapshot). */
  readonly onPositions: (symbols: readonly string[] | 'all') => void;
  /** The socket dropped: stop sending until `onResumed`. */
  readonly onInterrupted: () => void;
  /** Connected again and cancel-on-disconnect on again: resync, then quote. */
  readonly onResumed: () => void;
  /** The client gave up for good (token refused, closed). */
  readonly onClosed: (reason: string) => void;
}

/**
 * The bot's one connection to the gateway, as any trader's program has: the trader client (with
 * its reconnect and gap-free `orders` replay), cancel-on-disconnect on every socket, and the
 * private and ticker channels the quoters need.
 */
export class TradingSession implements OrderRequests {
  readonly #client: TraderClient;
  readonly #options: TradingSessionOptions;
  #closing = false;

  private constructor(client: TraderClient, options: TradingSessionOptions) {
    this.#client = client;
    this.#options = options;
  }

  static async open(options: TradingSessionOptions): Promise<TradingSession> {
    const client = await TraderClient.connect({ url: options.url, token: options.token });
    const session = new TradingSession(client, options);
    try {
      session.#listen();
      await session.#armCancelOnDisconnect();
      await client.subscribe(['orders', 'positions', ...TickerReference.channels(options.symbols)]);
    } catch (error) {
      await client.close();
      throw error;
    }
    return session;
  }

  get isOpen(): boolean {
    return this.#client.isOpen;
  }

  place(params: RpcParamsInput<'order.place'>) {
    return this.#client.call('order.place', params);
  }

  cancel(params: RpcParamsInput<'order.cancel'>) {
    return this.#client.call('order.cancel', params);
  }

  cancelAll(symbol: InstrumentSymbol) {
    return this.#client.call('order.cancelAll', { symbol });
  }

  openOrders(): Promise<Order[]> {
    return this.#client.call('orders.open', {}) as Promise<Order[]>;
  }

  instruments() {
    return this.#client.call('public.instruments');
  }

  accountSnapshot() {
    return this.#client.call('account.get');
  }

  /**
   * Closes the socket. `keepOrders`: cancel-on-disconnect is turned off first, for an instance
   * that lost the lease (its orders are the new active instance's now, not the platform's to cancel).
   */
  async close(options: { readonly keepOrders?: boolean } = {}): Promise<void> {
    this.#closing = true;
    if (options.keepOrders && this.#client.isOpen && !this.#options.dryRun)
      await this.#client
        .call('session.cancelOnDisconnect', { enabled: false })
        .catch((error: unknown) =>
          this.#options.logger.warn({ err: error }, 'could not turn cancel-on-disconnect off'),
        );
    await this.#client.close();
  }

  async #armCancelOnDisconnect(): Promise<void> {
    if (this.#options.dryRun) return;
    await this.#client.call('session.cancelOnDisconnect', { enabled: true });
  }

  /** Quoting resumes only once the new socket would cancel the bot's orders if it dropped too. */
  async #rearm(attempts: number): Promise<void> {
    for (let attempt = 1; !this.#closing; attempt += 1) {
      try {
        await this.#armCancelOnDisconnect();
        this.#options.logger.info({ attempts }, 'gateway connection back');
        this.#options.onResumed();
        return;
      } catch (error) {
        this.#options.logger.error(
          { err: error, attempt },
          'cancel-on-disconnect not armed; retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, Math.min(attempt * 500, 5_000)));
        if (!this.#client.isOpen) return; // another reconnect will call again
      }
    }
  }

  #listen(): void {
    const { account, ticker, logger } = this.#options;
    const client = this.#client;
    client.onChannel('orders', (data) => {
      // The snapshot is not used: a resync reads orders.open while no quoter sends.
      if ('snapshot' in data) return;
      this.#options.onReport(data);
    });
    client.onChannel('positions', (data) => {
      if ('snapshot' in data) account.replacePositions(data.positions);
      else account.updatePosition(data);
      this.#options.onPositions('snapshot' in data ? 'all' : [data.symbol]);
    });
    client.on('notification', (notification) => {
      if (notification.channel.startsWith('ticker.'))
        ticker.observe(notification.data as Parameters<TickerReference['observe']>[0]);
    });
    client.on('disconnected', (closed) => {
      if (this.#closing) return;
      logger.warn(
        { code: closed.code, reason: closed.reason },
        'gateway connection lost; reconnecting',
      );
      this.#options.onInterrupted();
    });
    client.on('reconnected', (attempts) => {
      if (this.#closing) return;
      void this.#rearm(attempts);
    });
    client.on('closed', (closed) => {
      if (this.#closing) return;
      this.#options.onClosed(`${closed.code} ${closed.reason}`);
    });
  }
}
