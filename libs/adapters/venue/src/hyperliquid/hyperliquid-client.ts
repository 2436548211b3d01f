// The VenueClient of Hyperliquid perps: our orders signed by an API (agent) wallet, queries made
// for the master address (an agent holds nothing: asking for its own orders answers empty).
// Orders carry our order id as cloid, so cancels and lookups never need the venue's oid.
//
// Transport failures are split by whether the request can have arrived: a refused connection is
// retryable; a timeout or a dropped answer to an action is an unknown outcome (the order stays in
// flight until reconciliation asks by cloid); a query can always be retried.

import { Decimal } from '@perp/decimal';
import type {
  AccountId,
  InstrumentSymbol,
  OrderId,
  TradeId,
  VenueName,
  VenueOrderId,
} from '@perp/trading-domain';
import { Wallet } from 'ethers';
import { z } from 'zod';
import { classifyVenueError } from '../description/venue-error-rules.ts';
import type { VenueNetwork } from '../description/venue-description.ts';
import type {
  VenueAccountFill,
  VenueCancelAnswer,
  VenueClient,
  VenueFill,
  VenueMarket,
  VenueOpenOrder,
  VenueOrderRef,
  VenueOrderRequest,
  VenueOrderState,
  VenuePlaceAnswer,
  VenuePosition,
} from '../venue-client.ts';
import {
  VenueOutcomeUnknownError,
  VenueRequestError,
  VenueUnavailableError,
} from '../venue-errors.ts';
import { venueHttp, VenueNoAnswer } from '../transport/venue-http.ts';
import { cancelOutcomeOf, orderStateOf, placeAnswerOf } from './answers.ts';
import { cloidOf, orderIdOfCloid } from './cloid.ts';
import {
  HyperliquidCancelResponse,
  HyperliquidClearinghouseState,
  type HyperliquidFill,
  HyperliquidOpenOrders,
  HyperliquidOrderStatusInfo,
  HyperliquidUserFills,
  HyperliquidUserRateLimit,
  HyperliquidUserRole,
} from './protocol/exchange-responses.ts';
import { HYPERLIQUID } from './description.ts';
import { signL1Action, type HyperliquidAction } from './l1-signing.ts';
import { NonceClock } from './nonce-clock.ts';
import { cancelByCloidAction, orderAction, type HyperliquidAsset } from './order-actions.ts';

export interface HyperliquidClientOptions {
  /** REST root; default the network's (HYPERLIQUID.urls). */
  readonly url?: string;
  readonly network: VenueNetwork;
  /** The API wallet's key: it signs, it holds nothing. */
  readonly agentPrivateKey: string;
  /** The account (or sub-account) traded and queried. */
  readonly masterAddress: string;
  /** The platform account this venue account trades for, when it is one account's (a bot's). */
  readonly accountId?: AccountId;
  /** Trading for a vault: its address (signed with every action). */
  readonly vaultAddress?: string;
  /** Our symbol -> the venue's coin (`BTC-PERP` -> `BTC`). */
  readonly coins: Readonly<Record<string, string>>;
  /** A market order's worst price, as a fraction from the mark (default 0.05, the SDK's). */
  readonly marketSlippage?: Decimal;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

const Universe = z.object({
  universe: z.array(z.object({ name: z.string(), szDecimals: z.number().int().min(0).max(8) })),
});
const AssetCtx = z.object({ markPx: z.string(), oraclePx: z.string() });
const MetaAndAssetCtxs = z.tuple([Universe, z.array(AssetCtx)]);

/** Oids whose order id was looked up, kept (an oid's cloid never changes) up to this many. */
const ORDER_ID_CACHE_MAX = 10_000;

/** Once the address budget is spent, the venue takes one action per 10 s. */
const ADDRESS_LIMITED_SPACING_MS = 10_000;
/** After a 429 (the IP's weight), a short pause; the venue sends no Retry-After. */
const IP_LIMITED_PAUSE_MS = 1_000;

export class HyperliquidClient implements VenueClient {
  readonly venue = HYPERLIQUID.venue as VenueName;
  readonly contractType = 'linear';
  readonly #url: string;
  readonly #options: HyperliquidClientOptions;
  readonly #signer: Wallet;
  readonly #nonces: NonceClock;
  readonly #now: () => number;
  #assets: Map<string, HyperliquidAsset> | undefined;
  #throttledUntil = 0;
  readonly #orderIdsByOid = new Map<number, OrderId | null>();

  constructor(options: HyperliquidClientOptions) {
    this.#options = options;
    this.#url = options.url ?? HYPERLIQUID.urls[options.network].rest;
    this.#signer = new Wallet(options.agentPrivateKey);
    this.#now = options.now ?? Date.now;
    this.#nonces = new NonceClock(this.#now);
  }

  /** The API wallet's address (the one the venue must know as an agent of the master). */
  get agentAddress(): string {
    return this.#signer.address.toLowerCase();
  }

  async placeOrder(request: VenueOrderRequest): Promise<VenuePlaceAnswer> {
    const asset = await this.#asset(request.symbol);
    const bound =
      request.type === 'market' ? await this.#marketBound(request.symbol, request.side) : undefined;
    const built = orderAction(request, asset, bound);
    if (!built.ok)
      return {
        outcome: 'rejected',
        reason: 'VENUE_REJECTED',
        venueMessage: built.message,
        ts: this.#now(),
      };
    return placeAnswerOf(await this.#exchange(built.action), this.#now());
  }

  async cancelOrder(ref: VenueOrderRef): Promise<VenueCancelAnswer> {
    const outcome = cancelOutcomeOf(
      await this.#exchange(cancelByCloidAction(ref, await this.#asset(ref.symbol))),
    );
    if (outcome.outcome === 'refused')
      throw new VenueRequestError('VENUE_CANCEL_REJECTED', `hyperliquid: ${outcome.venueMessage}`);
    return outcome;
  }

  async getOrder(ref: VenueOrderRef): Promise<VenueOrderState | undefined> {
    const body = await this.#info({
      type: 'orderStatus',
      user: this.#queriedUser(),
      oid: cloidOf(ref.orderId),
    });
    return orderStateOf(body, ref.orderId);
  }

  /** Our order id of a venue oid (by its cloid), or undefined for an order not placed by us. */
  async orderIdOfOid(oid: number): Promise<OrderId | undefined> {
    const info = this.#parse(
      HyperliquidOrderStatusInfo,
      await this.#info({ type: 'orderStatus', user: this.#queriedUser(), oid }),
    );
    if (info.status === 'unknownOid') return undefined;
    const { cloid } = info.order.order;
    return cloid ? orderIdOfCloid(cloid) : undefined;
  }

  /** The order's fills: its oid and time from orderStatus by our cloid, then the fills since. */
  async orderFills(ref: VenueOrderRef): Promise<VenueFill[]> {
    const user = this.#queriedUser();
    const info = this.#parse(
      HyperliquidOrderStatusInfo,
      await this.#info({ type: 'orderStatus', user, oid: cloidOf(ref.orderId) }),
    );
    if (info.status === 'unknownOid') return [];
    const { oid, timestamp } = info.order.order;
    const fills = this.#parse(
      HyperliquidUserFills,
      await this.#info({
        type: 'userFillsByTime',
        user,
        startTime: timestamp,
        aggregateByTime: false,
      }),
    );
    return fills.filter((fill) => fill.oid === oid).map(venueFillOf);
  }

  /**
   * The account's fills from `since` in the mapped coins (userFillsByTime, which answers at most
   * 2000 from the start time), each with our order id looked up once per oid by its cloid.
   */
  async fillsSince(since: number, limit: number): Promise<VenueAccountFill[]> {
    const fills = this.#parse(
      HyperliquidUserFills,
      await this.#info({
        type: 'userFillsByTime',
        user: this.#queriedUser(),
        startTime: since,
        aggregateByTime: false,
      }),
    );
    const symbols = this.#symbolsByCoin();
    const page = fills
      .flatMap((fill) => {
        const symbol = symbols.get(fill.coin);
        return symbol !== undefined && fill.time >= since ? [{ fill, symbol }] : [];
      })
      .sort((a, b) => a.fill.time - b.fill.time || a.fill.tid - b.fill.tid)
      .slice(0, limit);
    const orderIds = new Map<number, OrderId | null>();
    for (const oid of new Set(page.map(({ fill }) => fill.oid))) {
      orderIds.set(oid, await this.#cachedOrderIdOfOid(oid));
    }
    return page.map(({ fill, symbol }) => ({
      ...venueFillOf(fill),
      accountId: this.#options.accountId ?? null,
      orderId: orderIds.get(fill.oid) ?? null,
      symbol,
    }));
  }

  async #cachedOrderIdOfOid(oid: number): Promise<OrderId | null> {
    const known = this.#orderIdsByOid.get(oid);
    if (known !== undefined) return known;
    const orderId = (await this.orderIdOfOid(oid)) ?? null;
    if (this.#orderIdsByOid.size >= ORDER_ID_CACHE_MAX) this.#orderIdsByOid.clear();
    this.#orderIdsByOid.set(oid, orderId);
    return orderId;
  }

  /**
   * Cancels every resting order of the account (of one symbol's coin if given), in whatever coin,
   * ours or not, in one `cancel` action by oid; how many the venue canceled.
   */
  async cancelAllOrders(symbol?: InstrumentSymbol): Promise<number> {
    const coin = symbol === undefined ? undefined : this.#coinOf(symbol);
    const open = this.#parse(
      HyperliquidOpenOrders,
      await this.#info({ type: 'openOrders', user: this.#queriedUser() }),
    ).filter((order) => coin === undefined || order.coin === coin);
    if (open.length === 0) return 0;
    const cancels = await Promise.all(
      open.map(async (order) => ({ a: (await this.#assetOfCoin(order.coin)).asset, o: order.oid })),
    );
    const answer = this.#parse(
      HyperliquidCancelResponse,
      await this.#exchange({ type: 'cancel', cancels }),
    );
    if (answer.status === 'err')
      throw new VenueRequestError('VENUE_CANCEL_REJECTED', `hyperliquid: ${answer.response}`);
    return answer.response.data.statuses.filter((status) => status === 'success').length;
  }

  /** Non-flat positions in the mapped coins (clearinghouseState of the account). */
  async positions(): Promise<VenuePosition[]> {
    const state = this.#parse(
      HyperliquidClearinghouseState,
      await this.#info({ type: 'clearinghouseState', user: this.#queriedUser() }),
    );
    const symbols = this.#symbolsByCoin();
    return state.assetPositions.flatMap(({ position }) => {
      const symbol = symbols.get(position.coin);
      const quantity = Decimal.parse(position.szi);
      if (symbol === undefined || quantity.isZero()) return [];
      return [
        {
          symbol,
          quantity,
          entryPrice: position.entryPx === null ? null : Decimal.parse(position.entryPx),
        },
      ];
    });
  }

  /**
   * The address's action budget as the venue counts it (userRateLimit): once `used` reaches `cap`,
   * the venue allows one action every 10 s until volume traded raises the cap.
   */
  async addressBudget(): Promise<{ readonly used: number; readonly cap: number }> {
    const limit = this.#parse(
      HyperliquidUserRateLimit,
      await this.#info({ type: 'userRateLimit', user: this.#queriedUser() }),
    );
    return { used: limit.nRequestsUsed, cap: limit.nRequestsCap };
  }

  /** Until when (ms) no action is sent, after the venue rate-limited the address or the IP. */
  get throttledUntil(): number {
    return this.#throttledUntil > this.#now() ? this.#throttledUntil : 0;
  }

  /**
   * The master account the venue knows this client's API wallet as an agent of (lower case), or
   * null when the venue does not know it as an agent (never approved, revoked, or rotated out).
   */
  async agentMaster(): Promise<string | null> {
    const role = this.#parse(
      HyperliquidUserRole,
      await this.#info({ type: 'userRole', user: this.agentAddress }),
    );
    return role.role === 'agent' ? role.data.user.toLowerCase() : null;
  }

  /** Resting orders in the coins this client maps; a cloid that is not one of ours is foreign. */
  async openOrders(): Promise<VenueOpenOrder[]> {
    const orders = this.#parse(
      HyperliquidOpenOrders,
      await this.#info({ type: 'openOrders', user: this.#queriedUser() }),
    );
    const symbols = this.#symbolsByCoin();
    return orders.flatMap((order) => {
      const symbol = symbols.get(order.coin);
      if (symbol === undefined) return [];
      return [
        {
          accountId: this.#options.accountId ?? null,
          orderId: (order.cloid && orderIdOfCloid(order.cloid)) || null,
          venueOrderId: String(order.oid) as VenueOrderId,
          symbol,
          createdAt: order.timestamp,
        },
      ];
    });
  }

  async market(symbol: InstrumentSymbol): Promise<VenueMarket> {
    const coin = this.#coinOf(symbol);
    const [meta, ctxs] = this.#parse(
      MetaAndAssetCtxs,
      await this.#info({ type: 'metaAndAssetCtxs' }),
    );
    const index = meta.universe.findIndex((entry) => entry.name === coin);
    const ctx = ctxs[index];
    if (!ctx) throw new VenueRequestError('UNKNOWN_SYMBOL', `hyperliquid lists no ${coin}`);
    return {
      symbol,
      markPrice: Decimal.parse(ctx.markPx),
      indexPrice: Decimal.parse(ctx.oraclePx),
      bestBid: null,
      bestAsk: null,
      ts: this.#now(),
    };
  }

  #queriedUser(): string {
    return (this.#options.vaultAddress ?? this.#options.masterAddress).toLowerCase();
  }

  #symbolsByCoin(): Map<string, InstrumentSymbol> {
    return new Map(
      Object.entries(this.#options.coins).map(([symbol, coin]) => [
        coin,
        symbol as InstrumentSymbol,
      ]),
    );
  }

  #coinOf(symbol: InstrumentSymbol): string {
    const coin = this.#options.coins[symbol];
    if (!coin)
      throw new VenueRequestError('UNKNOWN_SYMBOL', `${symbol} is not routed to hyperliquid`);
    return coin;
  }

  async #asset(symbol: InstrumentSymbol): Promise<HyperliquidAsset> {
    return this.#assetOfCoin(this.#coinOf(symbol));
  }

  async #assetOfCoin(coin: string): Promise<HyperliquidAsset> {
    if (!this.#assets) {
      const meta = this.#parse(Universe, await this.#info({ type: 'meta' }));
      this.#assets = new Map(
        meta.universe.map((entry, asset) => [
          entry.name,
          { asset, coin: entry.name, szDecimals: entry.szDecimals, market: 'perp' as const },
        ]),
      );
    }
    const asset = this.#assets.get(coin);
    if (!asset) throw new VenueRequestError('UNKNOWN_SYMBOL', `hyperliquid lists no ${coin}`);
    return asset;
  }

  async #marketBound(symbol: InstrumentSymbol, side: 'buy' | 'sell'): Promise<Decimal> {
    const { markPrice } = await this.market(symbol);
    const slippage = this.#options.marketSlippage ?? Decimal.parse('0.05');
    return markPrice.mul(side === 'buy' ? Decimal.ONE.add(slippage) : Decimal.ONE.sub(slippage));
  }

  #parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new VenueUnavailableError('hyperliquid: an /info answer it does not document');
    return parsed.data;
  }

  async #exchange(action: HyperliquidAction): Promise<unknown> {
    if (this.#throttledUntil > this.#now())
      throw new VenueUnavailableError(
        `hyperliquid: rate limited (the address's action budget, or the IP's weight); the next action may go at ${new Date(this.#throttledUntil).toISOString()}`,
      );
    let body: unknown;
    try {
      body = await this.#signedExchange(action);
    } catch (error) {
      // A 429 (the IP's weight): a short pause before the next action.
      if (error instanceof VenueUnavailableError && /HTTP 429/.test(error.message))
        this.#throttledUntil = this.#now() + IP_LIMITED_PAUSE_MS;
      throw error;
    }
    // The address budget spent (an error inside a 200): one action per 10 s from now on.
    const refused = body as { status?: unknown; response?: unknown };
    if (
      refused.status === 'err' &&
      typeof refused.response === 'string' &&
      /too many cumulative requests/i.test(refused.response)
    )
      this.#throttledUntil = this.#now() + ADDRESS_LIMITED_SPACING_MS;
    return body;
  }

  async #signedExchange(action: HyperliquidAction): Promise<unknown> {
    const nonce = this.#nonces.next();
    const { vaultAddress } = this.#options;
    const signature = signL1Action(
      this.#options.agentPrivateKey,
      { action, nonce, vaultAddress },
      this.#options.network,
    );
    try {
      return await this.#post('/exchange', {
        action,
        nonce,
        signature,
        vaultAddress: vaultAddress ?? null,
      });
    } catch (error) {
      if (error instanceof VenueNoAnswer)
        throw new VenueOutcomeUnknownError('hyperliquid.unanswered', error.message, {
          cause: error,
        });
      throw error;
    }
  }

  async #info(body: Record<string, unknown>): Promise<unknown> {
    try {
      return await this.#post('/info', body);
    } catch (error) {
      // A query changes nothing: whatever happened, asking again is safe.
      if (error instanceof VenueNoAnswer)
        throw new VenueUnavailableError(error.message, { cause: error });
      throw error;
    }
  }

  async #post(path: string, body: unknown): Promise<unknown> {
    const response = await venueHttp(`hyperliquid ${path}`, {
      method: 'POST',
      url: `${this.#url}${path}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      timeoutMs: this.#options.timeoutMs ?? 10_000,
    });
    const text = response.text;
    if (response.status !== 200) {
      const verdict = classifyVenueError(HYPERLIQUID.errors, {
        httpStatus: response.status,
        message: text.slice(0, 200),
      });
      const message = `hyperliquid ${path}: HTTP ${response.status} (${verdict.rule})`;
      if (verdict.class === 'retryable') throw new VenueUnavailableError(message);
      if (verdict.class === 'unknown_outcome') throw new VenueNoAnswer(message);
      throw new VenueRequestError(`HTTP_${response.status}`, message);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new VenueNoAnswer(`hyperliquid ${path}: an answer that is not JSON`);
    }
  }
}

function venueFillOf(fill: HyperliquidFill): VenueFill {
  return {
    tradeId: String(fill.tid) as TradeId,
    venueOrderId: String(fill.oid) as VenueOrderId,
    price: Decimal.parse(fill.px),
    quantity: Decimal.parse(fill.sz),
    fee: Decimal.parse(fill.fee),
    liquidity: fill.crossed ? 'taker' : 'maker',
    ts: fill.time,
  };
}
