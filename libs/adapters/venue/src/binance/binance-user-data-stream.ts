// Binance's user data stream as queue commands: every ORDER_TRADE_UPDATE of our orders (their
// client order id is our order id) becomes the venue.* command reconciliation would build for
// the same fact, under the same id. The stream lives on a listen key that is kept alive every 30
// minutes and replaced when the venue lost it (listenKeyExpired, -1125): the socket then
// connects again with the new key. Binance does not replay what a closed stream missed:
// reconciliation covers that gap.

import type { CommandEnvelope } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import {
  isMintedOrderId,
  type AccountId,
  type InstrumentSymbol,
  type TradeId,
  type VenueName,
  type VenueOrderId,
} from '@perp/trading-domain';
import { z } from 'zod';
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
import type { VenueOrderState } from '../venue-client.ts';
import type { BinanceClient } from './binance-client.ts';
import { BINANCE_USDM } from './description.ts';
import { BinanceListenKey } from './listen-key.ts';

const Decimalish = z.string().regex(/^-?\d+(\.\d+)?$/);

/** The fields of ORDER_TRADE_UPDATE the adapter reads (futures user data stream docs). */
const OrderTradeUpdate = z.object({
  e: z.literal('ORDER_TRADE_UPDATE'),
  T: z.number().int(),
  o: z.object({
    s: z.string(),
    c: z.string(),
    x: z.string(),
    X: z.string(),
    i: z.number().int(),
    l: Decimalish,
    z: Decimalish,
    L: Decimalish,
    n: Decimalish.optional(),
    T: z.number().int(),
    t: z.number().int(),
    m: z.boolean(),
  }),
});
const ListenKeyExpired = z.object({ e: z.literal('listenKeyExpired') });

const STATES: Readonly<Record<string, VenueOrderState['status']>> = {
  NEW: 'open',
  CANCELED: 'canceled',
  EXPIRED: 'expired',
  REJECTED: 'rejected',
};

export interface BinanceUserDataStreamOptions {
  readonly client: Pick<BinanceClient, 'createListenKey' | 'keepAliveListenKey' | 'closeListenKey'>;
  /** The stream's root (`…/ws`); default the network's. */
  readonly url?: string;
  readonly network: VenueNetwork;
  /** The platform account this venue account trades for (the commands' message group). */
  readonly accountId: AccountId;
  /** Our symbol -> Binance's. */
  readonly symbols: Readonly<Record<string, string>>;
  readonly onCommand: (command: CommandEnvelope) => Promise<void> | void;
  readonly logger?: ReconnectingSocketLogger;
  readonly keepAliveMs?: number;
  readonly reconnectDelayMs?: number;
}

const VENUE = BINANCE_USDM.venue as VenueName;

export class BinanceUserDataStream {
  readonly #options: BinanceUserDataStreamOptions;
  readonly #symbols: Map<string, InstrumentSymbol>;
  readonly #listenKey: BinanceListenKey;
  #socket: ReconnectingSocket | undefined;
  #queue: Promise<void> = Promise.resolve();
  #keys = 0;
  #earlierConnections = 0;

  constructor(options: BinanceUserDataStreamOptions) {
    this.#options = options;
    this.#symbols = new Map(
      Object.entries(options.symbols).map(([ours, theirs]) => [theirs, ours as InstrumentSymbol]),
    );
    this.#listenKey = new BinanceListenKey({
      client: options.client,
      ...(options.keepAliveMs === undefined ? {} : { keepAliveMs: options.keepAliveMs }),
      onNewKey: (key) => void this.#open(key),
      onError: (error) =>
        options.logger?.warn({ err: error }, 'binance listen key keepalive failed'),
    });
  }

  get connected(): boolean {
    return this.#socket?.connected ?? false;
  }

  /** Connections opened so far, over every listen key. */
  get connections(): number {
    return this.#earlierConnections + (this.#socket?.connections ?? 0);
  }

  /** Listen keys the stream has connected with so far (1 + replacements). */
  get listenKeys(): number {
    return this.#keys;
  }

  async start(): Promise<void> {
    await this.#open(await this.#listenKey.start());
  }

  async stop(): Promise<void> {
    await this.#socket?.stop();
    this.#socket = undefined;
    await this.#listenKey.stop();
    await this.#queue;
  }

  async #open(key: string): Promise<void> {
    await this.#socket?.stop();
    this.#earlierConnections += this.#socket?.connections ?? 0;
    this.#keys += 1;
    const root = this.#options.url ?? `${BINANCE_USDM.urls[this.#options.network].ws}/ws`;
    const socket = new ReconnectingSocket({
      url: `${root}/${key}`,
      onOpen: () => undefined,
      onMessage: (text) => this.#receive(text),
      // The venue pings every 3 minutes (answered by the WebSocket itself) and sends events.
      idleTimeoutMs: 10 * 60_000,
      ...(this.#options.logger ? { logger: this.#options.logger } : {}),
      ...(this.#options.reconnectDelayMs === undefined
        ? {}
        : { reconnectDelayMs: this.#options.reconnectDelayMs }),
    });
    this.#socket = socket;
    socket.start();
  }

  #receive(text: string): void {
    const json = JSON.parse(text) as unknown;
    if (ListenKeyExpired.safeParse(json).success) {
      // The key lapsed: a new one, then a new connection (onNewKey).
      void this.#listenKey.keepAlive();
      return;
    }
    const update = OrderTradeUpdate.safeParse(json);
    if (!update.success) return; // ACCOUNT_UPDATE, MARGIN_CALL, … are not order events
    const event = update.data;
    this.#queue = this.#queue
      .then(() => this.#handle(event))
      .catch((error: unknown) =>
        this.#options.logger?.warn(
          { err: error },
          'binance order update not delivered; reconciliation will find what it said',
        ),
      );
  }

  async #handle(event: z.infer<typeof OrderTradeUpdate>): Promise<void> {
    const { o: order } = event;
    const symbol = this.#symbols.get(order.s);
    if (symbol === undefined || !isMintedOrderId(order.c)) return; // not the platform's
    const ref = { accountId: this.#options.accountId, orderId: order.c, symbol };
    const context = { venue: VENUE, receivedAt: event.T };
    const venueOrderId = String(order.i) as VenueOrderId;
    let mapped: MappedCommand | undefined;
    if (order.x === 'TRADE') {
      mapped = venueFillCommand(
        {
          tradeId: String(order.t) as TradeId,
          venueOrderId,
          price: Decimal.parse(order.L),
          quantity: Decimal.parse(order.l),
          fee: Decimal.parse(order.n ?? '0'),
          liquidity: order.m ? 'maker' : 'taker',
          ts: order.T,
        },
        ref,
        context,
      );
    } else {
      const status = STATES[order.x];
      if (status === undefined) return; // AMENDMENT, CALCULATED (liquidation), …
      mapped = venueStateCommand(
        {
          orderId: order.c,
          venueOrderId: status === 'rejected' ? null : venueOrderId,
          status,
          filledQuantity: Decimal.parse(order.z),
          reason: status === 'open' ? null : order.X,
        },
        ref,
        context,
      );
    }
    if (mapped === undefined) return;
    if (!mapped.ok) {
      this.#options.logger?.warn({ problem: mapped.reason }, 'binance order update not mapped');
      return;
    }
    await this.#options.onCommand(mapped.command);
  }
}
