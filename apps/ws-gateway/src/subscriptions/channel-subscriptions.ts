import {
  type ExecutionReport,
  type JsonRpcNotification,
  parseChannel,
  type SubscribeParams,
  type SubscribeResult,
  subscriptionNotification,
  type UnsubscribeParams,
  type UnsubscribeResult,
  wirePosition,
} from '@perp/contracts';
import type {
  AccountFeed,
  AccountDropReason,
  MarketChannelName,
  MarketDataRelay,
} from '@perp/feeds';
import type { Logger } from '@perp/logger';
import type { AccountId, InstrumentSymbol } from '@perp/trading-domain';
import {
  type AccountReaders,
  readAccountSnapshot,
  readPositions,
  readTradeFill,
  readOpenOrders,
} from '@perp/account-views';
import { failures } from '../rpc/rpc-failure.ts';
import type { GatewayConnection } from '../rpc/gateway-connection.ts';
import { coalescingTrigger } from './coalescing-trigger.ts';
import type { ServiceReply, SubscriptionService } from './subscription-service.ts';

/** Close code for a consumer that does not keep up (policy violation), and for lost feeds. */
export const SLOW_CONSUMER_CLOSE = 1008;
export const FEED_LOST_CLOSE = 1013;

export interface ChannelSubscriptionsOptions {
  readonly readers: AccountReaders;
  readonly feed: AccountFeed;
  readonly relay: MarketDataRelay;
  readonly logger: Logger;
  /** ws-api.md: 50 subscriptions per connection. */
  readonly maxPerConnection: number;
  /** A socket with more than this many bytes written but not yet sent is closed (1008). */
  readonly maxBufferedBytes: number;
}

/** One channel held by one connection; `stop` is idempotent. */
class HeldChannel {
  stopped = false;
  readonly #cleanups: (() => void)[] = [];

  onStop(cleanup: () => void): void {
    if (this.stopped) cleanup();
    else this.#cleanups.push(cleanup);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }
}

interface ConnectionState {
  readonly connection: GatewayConnection;
  readonly channels: Map<string, HeldChannel>;
}

/**
 * The gateway's channels (ws-api.md "Subscriptions"). Private channels come from the process's
 * AccountFeed (execution reports of the account, replayable by seq), public ones from its
 * MarketDataRelay. Every channel starts in `afterReply`, so its first notification follows the
 * `subscribe` result:
 * - `orders`: reads the account's last report seq, then the open orders (snapshot, with that
 *   seq), then follows the feed from that seq, so no report is missed between the two. With
 *   `since` there is no snapshot: the feed replays every report after it, then goes live.
 * - `fills`: each `trade` report becomes the fill the OMS stored for it (the report carries no
 *   liquidity, the fill does; the OMS commits before it publishes).
 * - `positions` / `account`: a snapshot, then after each report the changed position (trades) or
 *   the whole account (any report) is read again; reads are coalesced when reports come faster.
 * - `book.*`, `trades.*`, `ticker.*`: relayed; a symbol not in the catalog answers 10004.
 * A socket whose send buffer passes `maxBufferedBytes` is closed with 1008 instead of buffering.
 */
export class ChannelSubscriptions implements SubscriptionService {
  readonly #options: ChannelSubscriptionsOptions;
  readonly #connections = new Map<string, ConnectionState>();

  constructor(options: ChannelSubscriptionsOptions) {
    this.#options = options;
  }

  /** Channels held across every connection (tests, metrics). */
  get subscriptionCount(): number {
    let count = 0;
    for (const state of this.#connections.values()) count += state.channels.size;
    return count;
  }

  /** Whether the connection holds a public market-data channel (book, trades or ticker). */
  holdsMarketChannel(connectionId: string): boolean {
    const channels = this.#connections.get(connectionId)?.channels.keys() ?? [];
    for (const channel of channels) if (parseChannel(channel)?.symbol !== undefined) return true;
    return false;
  }

  async subscribe(
    connection: GatewayConnection,
    channels: SubscribeParams['channels'],
    since: SubscribeParams['since'],
  ): Promise<ServiceReply<SubscribeResult>> {
    const principal = connection.principal;
    if (!principal) throw failures.notAuthenticated();
    const accountId = principal.accountId;
    const requested = [...new Set(channels)];
    const state = this.#connections.get(connection.connectionId);
    const held = state?.channels ?? new Map<string, HeldChannel>();
    const added = requested.filter((channel) => !held.has(channel));
    const { maxPerConnection } = this.#options;
    if (held.size + added.length > maxPerConnection) {
      throw failures.invalidParams(
        'channels',
        `would exceed ${maxPerConnection} subscriptions per connection (${held.size} held, ${added.length} new)`,
      );
    }
    const symbols = new Set<string>();
    for (const channel of added) {
      const parsed = parseChannel(channel);
      if (parsed?.symbol !== undefined) symbols.add(parsed.symbol);
    }
    for (const symbol of symbols) {
      if (!(await this.#options.readers.instruments.get(symbol)))
        throw failures.unknownSymbol(symbol);
    }

    const current = this.#connections.get(connection.connectionId) ?? {
      connection,
      channels: held,
    };
    this.#connections.set(connection.connectionId, current);
    const starts: (() => Promise<void>)[] = [];
    for (const channel of added) {
      const entry = new HeldChannel();
      current.channels.set(channel, entry);
      starts.push(() => this.#start(current, channel, entry, accountId, since?.orders));
    }
    return {
      result: { subscribed: requested as SubscribeResult['subscribed'] },
      afterReply: async () => {
        await Promise.all(starts.map((start) => start()));
      },
    };
  }

  async unsubscribe(
    connection: GatewayConnection,
    channels: UnsubscribeParams['channels'],
  ): Promise<ServiceReply<UnsubscribeResult>> {
    const state = this.#connections.get(connection.connectionId);
    const unsubscribed: string[] = [];
    for (const channel of new Set(channels)) {
      const held = state?.channels.get(channel);
      if (!held) continue;
      held.stop();
      state?.channels.delete(channel);
      unsubscribed.push(channel);
    }
    if (state && state.channels.size === 0) this.#connections.delete(connection.connectionId);
    return { result: { unsubscribed: unsubscribed as UnsubscribeResult['unsubscribed'] } };
  }

  onClose(connection: GatewayConnection): void {
    this.#release(connection.connectionId);
  }

  #release(connectionId: string): void {
    const state = this.#connections.get(connectionId);
    if (!state) return;
    this.#connections.delete(connectionId);
    for (const held of state.channels.values()) held.stop();
    state.channels.clear();
  }

  /** Writes one notification, or closes a socket that does not keep up. */
  #send(state: ConnectionState, notification: JsonRpcNotification): void {
    const { connection } = state;
    if (!connection.isOpen) return;
    if (connection.bufferedAmount > this.#options.maxBufferedBytes) {
      this.#options.logger.warn(
        { connectionId: connection.connectionId, bufferedAmount: connection.bufferedAmount },
        'slow consumer: closing the connection',
      );
      this.#release(connection.connectionId);
      connection.close(SLOW_CONSUMER_CLOSE, 'slow consumer: notifications are not being read');
      return;
    }
    connection.notify(notification);
  }

  /** A channel could not start or its feed ended: the client reconnects and resubscribes. */
  #lost(state: ConnectionState, channel: string, why: string, error?: unknown): void {
    this.#options.logger.warn(
      { err: error, connectionId: state.connection.connectionId, channel, why },
      'subscription lost: closing the connection',
    );
    this.#release(state.connection.connectionId);
    state.connection.close(FEED_LOST_CLOSE, `${channel} subscription lost (${why}); reconnect`);
  }

  async #start(
    state: ConnectionState,
    channel: string,
    held: HeldChannel,
    accountId: AccountId,
    since: number | undefined,
  ): Promise<void> {
    try {
      switch (channel) {
        case 'orders':
          return await this.#orders(state, held, accountId, since);
        case 'fills':
          return await this.#fills(state, held, accountId);
        case 'positions':
          return await this.#positions(state, held, accountId);
        case 'account':
          return await this.#account(state, held, accountId);
        default:
          return this.#market(state, channel as MarketChannelName, held);
      }
    } catch (error) {
      if (!held.stopped) this.#lost(state, channel, 'snapshot unavailable', error);
    }
  }

  /** Follows the account's reports after `from`; a drop (but at shutdown) closes the socket. */
  #follow(
    state: ConnectionState,
    channel: string,
    held: HeldChannel,
    accountId: AccountId,
    from: number,
    listener: (report: ExecutionReport) => void | Promise<void>,
  ): void {
    if (held.stopped) return;
    const subscription = this.#options.feed.subscribe(accountId, listener, {
      since: from,
      onDrop: (reason: AccountDropReason) => {
        if (reason !== 'feed_closed' && !held.stopped) this.#lost(state, channel, reason);
      },
    });
    held.onStop(() => subscription.unsubscribe());
  }

  async #orders(
    state: ConnectionState,
    held: HeldChannel,
    accountId: AccountId,
    since: number | undefined,
  ): Promise<void> {
    let from = since;
    if (from === undefined) {
      const seq = await this.#options.feed.lastSeq(accountId);
      const orders = await readOpenOrders(this.#options.readers, accountId, seq);
      if (held.stopped) return;
      this.#send(state, subscriptionNotification('orders', { snapshot: true, orders, seq }));
      from = seq;
    }
    this.#follow(state, 'orders', held, accountId, from, (report) => {
      this.#send(state, subscriptionNotification('orders', report));
    });
  }

  async #fills(state: ConnectionState, held: HeldChannel, accountId: AccountId): Promise<void> {
    const from = await this.#options.feed.lastSeq(accountId);
    this.#follow(state, 'fills', held, accountId, from, async (report) => {
      if (report.execType !== 'trade' || report.tradeId === null) return;
      try {
        const fill = await readTradeFill(this.#options.readers, accountId, report);
        if (held.stopped) return;
        if (fill) this.#send(state, subscriptionNotification('fills', fill));
        else
          this.#options.logger.warn(
            { accountId, orderId: report.orderId, tradeId: report.tradeId },
            'no stored fill for a trade report; not sent on fills',
          );
      } catch (error) {
        this.#options.logger.warn({ err: error, accountId }, 'could not read a fill');
      }
    });
  }

  async #positions(state: ConnectionState, held: HeldChannel, accountId: AccountId): Promise<void> {
    const { feed, readers, logger } = this.#options;
    const from = await feed.lastSeq(accountId);
    const positions = await readPositions(readers, accountId);
    if (held.stopped) return;
    this.#send(state, subscriptionNotification('positions', { snapshot: true, positions }));
    const dirty = new Set<InstrumentSymbol>();
    const refresh = coalescingTrigger(
      async () => {
        for (const symbol of [...dirty]) {
          dirty.delete(symbol);
          const [position, mark, listed] = await Promise.all([
            readers.store.getPosition(accountId, symbol),
            readers.market.mark(symbol),
            readers.instruments.get(symbol),
          ]);
          if (held.stopped) return;
          if (position)
            this.#send(
              state,
              subscriptionNotification(
                'positions',
                wirePosition(
                  position.value,
                  mark,
                  readers.clock(),
                  listed?.instrument.contractType ?? 'linear',
                ),
              ),
            );
        }
      },
      (error) => logger.warn({ err: error, accountId }, 'could not read a position'),
    );
    this.#follow(state, 'positions', held, accountId, from, (report) => {
      if (report.execType !== 'trade') return;
      dirty.add(report.symbol);
      refresh();
    });
  }

  async #account(state: ConnectionState, held: HeldChannel, accountId: AccountId): Promise<void> {
    const { feed, readers, logger } = this.#options;
    const from = await feed.lastSeq(accountId);
    const account = await readAccountSnapshot(readers, accountId);
    if (held.stopped) return;
    if (!account) throw new Error('the account does not exist');
    this.#send(state, subscriptionNotification('account', { snapshot: true, account }));
    const refresh = coalescingTrigger(
      async () => {
        const latest = await readAccountSnapshot(readers, accountId);
        if (latest && !held.stopped) this.#send(state, subscriptionNotification('account', latest));
      },
      (error) => logger.warn({ err: error, accountId }, 'could not read the account'),
    );
    this.#follow(state, 'account', held, accountId, from, () => refresh());
  }

  #market(state: ConnectionState, channel: MarketChannelName, held: HeldChannel): void {
    if (held.stopped) return;
    const subscription = this.#options.relay.subscribe(
      channel,
      (data) => {
        this.#send(
          state,
          subscriptionNotification(channel, data) as unknown as JsonRpcNotification,
        );
      },
      {
        onEnd: (reason) => {
          if (reason !== 'relay_stopped' && !held.stopped) this.#lost(state, channel, reason);
        },
      },
    );
    held.onStop(() => subscription.unsubscribe());
  }
}
