// LN Markets' private Stream v1 feed as queue commands: `futures/inverse/btc_usd/cross/orders`
// (an order placed, a limit order filled, an order canceled) over JSON-RPC 2.0 on a WebSocket,
// authenticated with the API key (an HMAC over timestamp and nonce) on every connection, then
// subscribed (the venue does not resubscribe after a reconnect). Every event becomes the venue.*
// command reconciliation would build for the same fact, under the same id, so a fact met twice
// is one command. Orders are ours when their clientId is an order id we minted. A filled order
// is one fill (the venue fills orders whole): its trade id is the order's uuid, its fee the
// venue's sats fee in USD at the fill's price (fee-in-usd.ts, as the client reports it). The
// feed does not replay what a closed connection missed: reconciliation covers that gap.

import { randomBytes } from 'node:crypto';
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
import {
  venueFillCommand,
  venueStateCommand,
  type MappedCommand,
} from '../connector/venue-commands.ts';
import type { LnMarketsCredentials } from '../credentials/venue-credentials.ts';
import type { VenueNetwork } from '../description/venue-description.ts';
import {
  ReconnectingSocket,
  type ReconnectingSocketLogger,
} from '../transport/reconnecting-socket.ts';
import type { VenueOrderState } from '../venue-client.ts';
import { LN_MARKETS, LN_MARKETS_PAIR } from './description.ts';
import { feeInUsd } from './fee-in-usd.ts';
import {
  AuthenticateResult,
  StreamAnswer,
  StreamCrossOrderEvent,
  StreamPush,
} from './protocol/stream.ts';
import { parseWireJson } from './protocol/wire-json.ts';
import { lnMarketsStreamAuth } from './signing.ts';

export const LN_MARKETS_CROSS_ORDERS = `futures/inverse/${LN_MARKETS_PAIR}/cross/orders`;

export interface LnMarketsEventStreamOptions {
  /** The stream's URL; default the network's (LN_MARKETS.urls, `…/v1`). */
  readonly url?: string;
  readonly network: VenueNetwork;
  readonly credentials: LnMarketsCredentials;
  /** The platform account this venue account trades for (the commands' message group). */
  readonly accountId: AccountId;
  /** Our symbol -> LN Markets' pair (`{ 'BTC-PERP': 'btc_usd' }`). */
  readonly symbols: Readonly<Record<string, string>>;
  /** Each command, in the feed's order. */
  readonly onCommand: (command: CommandEnvelope) => Promise<void> | void;
  readonly logger?: ReconnectingSocketLogger;
  /** JSON-RPC `ping` this often (default 30 s, the SDKs' heartbeat). */
  readonly pingIntervalMs?: number;
  readonly reconnectDelayMs?: number;
  readonly now?: () => number;
}

const VENUE = LN_MARKETS.venue as VenueName;
const AUTHENTICATE = 'authenticate';
const SUBSCRIBE = 'subscribe';

export class LnMarketsEventStream {
  readonly #options: LnMarketsEventStreamOptions;
  readonly #socket: ReconnectingSocket;
  readonly #symbol: InstrumentSymbol | undefined;
  readonly #now: () => number;
  #send: ((message: unknown) => void) | undefined;
  #subscribed = false;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: LnMarketsEventStreamOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#symbol = Object.entries(options.symbols).find(
      ([, pair]) => pair === LN_MARKETS_PAIR,
    )?.[0] as InstrumentSymbol | undefined;
    const ping = { jsonrpc: '2.0', id: 'ping', method: 'ping' };
    this.#socket = new ReconnectingSocket({
      url: options.url ?? LN_MARKETS.urls[options.network].ws,
      onOpen: (send) => {
        this.#send = send;
        this.#subscribed = false;
        // A fresh nonce and timestamp every connection: the venue checks both.
        send({
          jsonrpc: '2.0',
          id: AUTHENTICATE,
          method: AUTHENTICATE,
          params: lnMarketsStreamAuth(options.credentials, {
            timestamp: this.#now(),
            nonce: randomBytes(8).toString('hex'),
          }),
        });
      },
      onMessage: (text) => this.#receive(text),
      ping: { message: ping, intervalMs: options.pingIntervalMs ?? 30_000 },
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.reconnectDelayMs === undefined
        ? {}
        : { reconnectDelayMs: options.reconnectDelayMs }),
    });
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  /** Authenticated and subscribed on the current connection. */
  get subscribed(): boolean {
    return this.#socket.connected && this.#subscribed;
  }

  get connections(): number {
    return this.#socket.connections;
  }

  async start(): Promise<void> {
    this.#socket.start();
  }

  async stop(): Promise<void> {
    await this.#socket.stop();
    await this.#queue;
  }

  #receive(text: string): void {
    let json: unknown;
    try {
      json = parseWireJson(text);
    } catch {
      throw new Error('a message that is not JSON');
    }
    const answer = StreamAnswer.safeParse(json);
    if (answer.success) return this.#answered(answer.data);
    const push = StreamPush.safeParse(json);
    if (!push.success || push.data.params.topic !== LN_MARKETS_CROSS_ORDERS) return;
    const event = StreamCrossOrderEvent.safeParse(push.data.params.data);
    if (!event.success) {
      this.#options.logger?.warn({ topic: LN_MARKETS_CROSS_ORDERS }, 'lnmarkets event not read');
      return;
    }
    this.#queue = this.#queue
      .then(() => this.#handle(event.data))
      .catch((error: unknown) =>
        this.#options.logger?.warn(
          { err: error },
          'lnmarkets order event not delivered; reconciliation will find what it said',
        ),
      );
  }

  #answered(answer: { id: string; result?: unknown; error?: { message: string } }): void {
    if (answer.id === AUTHENTICATE) {
      const result = AuthenticateResult.safeParse(answer.result);
      // Thrown: the socket closes and connects again later (a rotated key may be back by then).
      if (answer.error || !result.success || !result.data.authenticated)
        throw new Error(`lnmarkets stream authentication refused: ${answer.error?.message ?? ''}`);
      this.#send?.({
        jsonrpc: '2.0',
        id: SUBSCRIBE,
        method: SUBSCRIBE,
        params: { topics: [LN_MARKETS_CROSS_ORDERS] },
      });
      return;
    }
    if (answer.id === SUBSCRIBE) {
      if (answer.error)
        throw new Error(`lnmarkets stream subscription refused: ${answer.error.message}`);
      this.#subscribed = true;
    }
  }

  async #handle(event: StreamCrossOrderEvent): Promise<void> {
    const { order } = event;
    const clientId = order.clientId ?? '';
    if (this.#symbol === undefined || event.pair !== LN_MARKETS_PAIR || !isMintedOrderId(clientId))
      return; // not the platform's
    const ref = { accountId: this.#options.accountId, orderId: clientId, symbol: this.#symbol };
    const venueOrderId = order.id as VenueOrderId;
    const at = Number(order.filledAt ?? order.canceledAt ?? order.createdAt);
    const context = { venue: VENUE, receivedAt: at };
    const filled = order.filledAt !== undefined;
    const status: VenueOrderState['status'] =
      event.event === 'canceled' ? 'canceled' : filled ? 'filled' : 'open';
    await this.#deliver(
      venueStateCommand(
        {
          orderId: clientId,
          venueOrderId,
          status,
          filledQuantity: filled ? Decimal.parse(order.quantity) : Decimal.ZERO,
          reason: status === 'canceled' ? 'canceled' : null,
        },
        ref,
        context,
      ),
    );
    if (!filled || event.event === 'canceled') return;
    const price = Decimal.parse(order.price);
    await this.#deliver(
      venueFillCommand(
        {
          tradeId: order.id as TradeId,
          venueOrderId,
          price,
          quantity: Decimal.parse(order.quantity),
          fee: feeInUsd(Decimal.parse(order.tradingFee ?? '0'), price),
          liquidity: order.type === 'limit' ? 'maker' : 'taker',
          ts: at,
        },
        ref,
        context,
      ),
    );
  }

  async #deliver(mapped: MappedCommand | undefined): Promise<void> {
    if (mapped === undefined) return;
    if (!mapped.ok) {
      this.#options.logger?.warn({ problem: mapped.reason }, 'lnmarkets order event not mapped');
      return;
    }
    await this.#options.onCommand(mapped.command);
  }
}
