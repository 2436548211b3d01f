// Hyperliquid's private feeds as queue commands: `orderUpdates` (an order's status) and
// `userFills` (its trades) of the venue account, over the venue's WebSocket. Every command
// carries the id reconciliation gives the same fact (venueStateCommand, venueFillCommand), so a
// fact met twice (the fills snapshot that follows every reconnect, a sweep that got there
// first) is one command. Orders are ours when their cloid is one of ours; a fill names only
// the venue's oid, resolved from the order updates seen or, failing that, by asking the venue.
// The feed does not replay order updates after a disconnect: reconciliation covers that gap.

import { Decimal } from '@perp/decimal';
import type { CommandEnvelope } from '@perp/contracts';
import type {
  AccountId,
  InstrumentSymbol,
  OrderId,
  TradeId,
  VenueName,
  VenueOrderId,
} from '@perp/trading-domain';
import {
  venueFillCommand,
  venueStateCommand,
  type MappedCommand,
} from '../connector/venue-commands.ts';
import type { VenueNetwork } from '../description/venue-description.ts';
import {
  ReconnectingSocket,
  type ReconnectingSocketLogger,
} from '../transport/reconnecting-socket.ts';
import type { VenueOrderRef } from '../venue-client.ts';
import { stateOf } from './answers.ts';
import { orderIdOfCloid } from './cloid.ts';
import { HYPERLIQUID } from './description.ts';
import { HyperliquidFeedMessage } from './protocol/exchange-responses.ts';

export interface HyperliquidEventStreamOptions {
  /** The WebSocket URL; default the network's (HYPERLIQUID.urls). */
  readonly url?: string;
  readonly network: VenueNetwork;
  /** The account (master or vault) whose orders and fills are followed. */
  readonly user: string;
  /** The platform account this venue account trades for (the commands' message group). */
  readonly accountId: AccountId;
  /** Our symbol -> the venue's coin. */
  readonly coins: Readonly<Record<string, string>>;
  /** Our order id of a venue oid the feed has not shown yet (HyperliquidClient.orderIdOfOid). */
  readonly resolveOid: (oid: number) => Promise<OrderId | undefined>;
  /** Each command, in the feed's order. A throw reconnects (the fills snapshot comes again). */
  readonly onCommand: (command: CommandEnvelope) => Promise<void> | void;
  readonly logger?: ReconnectingSocketLogger;
  /** Default 50 s: the venue closes connections silent for 60 s. */
  readonly pingIntervalMs?: number;
  readonly reconnectDelayMs?: number;
  readonly now?: () => number;
}

const VENUE = HYPERLIQUID.venue as VenueName;
/** Oids whose order ids are remembered; the oldest are forgotten first. */
const KNOWN_OIDS = 10_000;

export class HyperliquidEventStream {
  readonly #options: HyperliquidEventStreamOptions;
  readonly #socket: ReconnectingSocket;
  readonly #symbols: Map<string, InstrumentSymbol>;
  readonly #orderIds = new Map<number, OrderId>();
  readonly #now: () => number;
  /** Messages are handled one at a time, in order, even when a fill needs a lookup. */
  #queue: Promise<void> = Promise.resolve();

  constructor(options: HyperliquidEventStreamOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#symbols = new Map(
      Object.entries(options.coins).map(([symbol, coin]) => [coin, symbol as InstrumentSymbol]),
    );
    const user = options.user.toLowerCase();
    this.#socket = new ReconnectingSocket({
      url: options.url ?? HYPERLIQUID.urls[options.network].ws,
      onOpen: (send) => {
        send({ method: 'subscribe', subscription: { type: 'orderUpdates', user } });
        send({ method: 'subscribe', subscription: { type: 'userFills', user } });
      },
      onMessage: (text) => this.#receive(text),
      ping: { message: { method: 'ping' }, intervalMs: options.pingIntervalMs ?? 50_000 },
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.reconnectDelayMs === undefined
        ? {}
        : { reconnectDelayMs: options.reconnectDelayMs }),
    });
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  get connections(): number {
    return this.#socket.connections;
  }

  start(): void {
    this.#socket.start();
  }

  async stop(): Promise<void> {
    await this.#socket.stop();
    await this.#queue;
  }

  #receive(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error('a message that is not JSON');
    }
    const parsed = HyperliquidFeedMessage.safeParse(json);
    // pong, subscriptionResponse, and channels not subscribed to.
    if (!parsed.success) return;
    const message = parsed.data;
    this.#queue = this.#queue
      .then(() => this.#handle(message))
      .catch((error: unknown) => {
        this.#options.logger?.warn(
          { err: error },
          'hyperliquid feed message not delivered; resubscribing',
        );
        // Reconnecting brings the fills snapshot again; order updates are reconciliation's.
        void this.#socket.stop().then(() => this.#socket.start());
      });
  }

  async #handle(message: HyperliquidFeedMessage): Promise<void> {
    const context = { venue: VENUE, receivedAt: this.#now() };
    if (message.channel === 'orderUpdates') {
      for (const update of message.data) {
        const orderId = update.order.cloid ? orderIdOfCloid(update.order.cloid) : undefined;
        const symbol = this.#symbols.get(update.order.coin);
        if (orderId === undefined || symbol === undefined) continue; // not placed by the platform
        this.#remember(update.order.oid, orderId);
        const state = stateOf(update.status);
        const mapped = venueStateCommand(
          {
            orderId,
            venueOrderId: String(update.order.oid) as VenueOrderId,
            status: state,
            filledQuantity: Decimal.parse(update.order.origSz).sub(Decimal.parse(update.order.sz)),
            reason: state === 'open' || state === 'filled' ? null : update.status,
          },
          this.#ref(orderId, symbol),
          { ...context, receivedAt: update.statusTimestamp },
        );
        await this.#deliver(mapped);
      }
      return;
    }
    for (const fill of message.data.fills) {
      const symbol = this.#symbols.get(fill.coin);
      if (symbol === undefined) continue;
      const orderId = this.#orderIds.get(fill.oid) ?? (await this.#options.resolveOid(fill.oid));
      if (orderId === undefined) continue; // a fill of an order another client placed
      this.#remember(fill.oid, orderId);
      await this.#deliver(
        venueFillCommand(
          {
            tradeId: String(fill.tid) as TradeId,
            venueOrderId: String(fill.oid) as VenueOrderId,
            price: Decimal.parse(fill.px),
            quantity: Decimal.parse(fill.sz),
            fee: Decimal.parse(fill.fee),
            liquidity: fill.crossed ? 'taker' : 'maker',
            ts: fill.time,
          },
          this.#ref(orderId, symbol),
          context,
        ),
      );
    }
  }

  async #deliver(mapped: MappedCommand | undefined): Promise<void> {
    if (mapped === undefined) return;
    if (!mapped.ok) {
      this.#options.logger?.warn({ problem: mapped.reason }, 'hyperliquid feed event not mapped');
      return;
    }
    await this.#options.onCommand(mapped.command);
  }

  #ref(orderId: OrderId, symbol: InstrumentSymbol): VenueOrderRef {
    return { accountId: this.#options.accountId, orderId, symbol };
  }

  #remember(oid: number, orderId: OrderId): void {
    if (this.#orderIds.has(oid)) return;
    if (this.#orderIds.size >= KNOWN_OIDS) {
      const oldest = this.#orderIds.keys().next();
      if (!oldest.done) this.#orderIds.delete(oldest.value);
    }
    this.#orderIds.set(oid, orderId);
  }
}
