import { RpcErrorCode, type RpcParamsInput } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import type { Logger } from '@perp/logger';
import {
  allowedSides,
  computeQuotes,
  planRequote,
  reservationPrice,
  VarianceWindow,
  type DesiredQuote,
  type QuoteInstrument,
  type QuoteParams,
} from '@perp/market-making';
import { WakeableSleep } from '@perp/retry';
import { RpcError } from '@perp/trader-client';
import type { InstrumentSymbol } from '@perp/trading-domain';
import type { MarketMakerMetrics } from '../ops/market-maker-metrics.ts';
import type { ReferenceGuard } from '../reference/reference-guard.ts';
import type { AccountState } from '../session/account-state.ts';
import type { OrderTracker, TrackedOrder } from './order-tracker.ts';
import type { QuoteIds } from './quote-ids.ts';
import type { RequestBudget } from './request-budget.ts';

/** The two order requests a quoter sends (the trading session, over the trader client). */
export interface OrderRequests {
  place(params: RpcParamsInput<'order.place'>): Promise<unknown>;
  cancel(params: RpcParamsInput<'order.cancel'>): Promise<unknown>;
}

export interface RequotePolicy {
  readonly requoteThresholdTicks: number;
  readonly sizeTolerance: Decimal;
  readonly maxOrderAgeMs: number;
  readonly cooldownMs: number;
  readonly fillDelayMs: number;
  readonly maxMarginUtilization: Decimal;
}

export interface SymbolQuoterOptions {
  readonly instrument: QuoteInstrument;
  readonly params: QuoteParams;
  readonly policy: RequotePolicy;
  readonly volatilityWindowMs: number;
  readonly guard: ReferenceGuard;
  readonly account: AccountState;
  readonly tracker: OrderTracker;
  readonly ids: QuoteIds;
  readonly budget: RequestBudget;
  readonly requests: OrderRequests;
  readonly metrics: MarketMakerMetrics;
  readonly logger: Logger;
  readonly dryRun: boolean;
  /** True while the kill switch holds the bot: quotes are pulled. */
  readonly isHalted: () => boolean;
  readonly clock?: () => number;
}

/** What the quoter last decided, for /health. */
export interface QuoterStatus {
  readonly symbol: InstrumentSymbol;
  readonly quoting: boolean;
  /** Why fewer than both sides are quoted (`stale`, `max_position`, `halted`, …). */
  readonly withheld: string | null;
  readonly reference: string | null;
  readonly referenceAgeMs: number | null;
  /** The bot's position, as it last read it. */
  readonly position: string;
  /** The reference shifted against inventory (Avellaneda–Stoikov): the grid's centre. */
  readonly reservation: string | null;
  readonly restingOrders: number;
}

// Reasons a platform gives for refusing an order that no retry soon would change: the symbol waits.
const BLOCKING_REASONS = new Set([
  'TRADING_HALTED',
  'INSTRUMENT_NOT_TRADING',
  'REDUCE_ONLY_WOULD_INCREASE',
]);
const BLOCK_INITIAL_MS = 1_000;
/** How long placing waits for a filled symbol's position before trusting the last one read. */
export const POSITION_WAIT_MAX_MS = 5_000;
const BLOCK_MAX_MS = 30_000;

/**
 * One symbol's quoting loop, the Hummingbot tick pipeline over the pure model: judge the reference,
 * decide the sides, compute the grid, diff it against the resting orders, then cancel what moved
 * (first, so the account's FIFO queue applies them before the new orders) and place what is missing.
 * Requotes are coalesced: a trigger during one schedules exactly one more, after the cooldown.
 */
export class SymbolQuoter {
  readonly symbol: InstrumentSymbol;
  readonly #o: SymbolQuoterOptions;
  readonly #clock: () => number;
  readonly #variance: VarianceWindow;
  #active = false;
  #dirty = false;
  #running: Promise<void> | undefined;
  #lastCycleAt = 0;
  #placePausedUntil = 0;
  /** A fill came whose position has not been reported yet (see onFill). */
  #fillAwaitingPosition = false;
  #lastFillAt = 0;
  #blockedUntil = 0;
  #blockMs = BLOCK_INITIAL_MS;
  /** When the first reference change not yet requoted arrived (for the latency histogram). */
  #changedAt: number | undefined;
  /** A cooldown that `stop()` cuts short. */
  readonly #pause = new WakeableSleep();
  #status: QuoterStatus;

  constructor(options: SymbolQuoterOptions) {
    this.#o = options;
    this.symbol = options.instrument.symbol;
    this.#clock = options.clock ?? Date.now;
    this.#variance = new VarianceWindow({ windowMs: options.volatilityWindowMs });
    this.#status = {
      symbol: this.symbol,
      quoting: false,
      withheld: 'inactive',
      reference: null,
      referenceAgeMs: null,
      position: '0',
      reservation: null,
      restingOrders: 0,
    };
  }

  get status(): QuoterStatus {
    return this.#status;
  }

  start(): void {
    this.#active = true;
    this.trigger();
  }

  /** Stops at once: no request is sent after this returns (one in flight may still answer). */
  async stop(): Promise<void> {
    this.#active = false;
    this.#pause.wake();
    await this.#running;
  }

  /** A new reference observation: recorded for the volatility, and a requote if it moved. */
  onReference(price: Decimal, observedAt: number, changed: boolean): void {
    this.#variance.add(observedAt, price);
    if (!changed) return;
    this.#changedAt ??= this.#clock();
    this.trigger();
  }

  /**
   * A fill arrives on the orders channel, its position on the positions channel, in no fixed
   * order. Quotes sized from the position before the fill could take the bot past its position
   * limit (the filled side's room is gone, the old position says it is not), so nothing new is
   * placed until this symbol's position is reported again, or POSITION_WAIT_MAX_MS passed (the
   * position came first); cancels go on.
   */
  onFill(): void {
    const now = this.#clock();
    this.#placePausedUntil = now + this.#o.policy.fillDelayMs;
    this.#fillAwaitingPosition = true;
    this.#lastFillAt = now;
    this.trigger();
  }

  /** The platform reported this symbol's position (an update, or a snapshot). */
  onPosition(): void {
    this.#fillAwaitingPosition = false;
    this.trigger();
  }

  /** An order of this symbol ended without a fill (denied, rejected, canceled, expired). */
  onGone(status: string, reason: string | null): void {
    if (status === 'denied' || status === 'rejected') {
      this.#o.metrics.denied.inc({ symbol: this.symbol, reason: reason ?? 'unknown' });
      if (reason !== null && BLOCKING_REASONS.has(reason)) {
        // Halted or reducing: wait, doubling, instead of a retry storm against the platform.
        this.#blockedUntil = this.#clock() + this.#blockMs;
        this.#blockMs = Math.min(this.#blockMs * 2, BLOCK_MAX_MS);
        this.#o.logger.warn(
          { symbol: this.symbol, reason, waitMs: this.#blockMs },
          'quotes refused; waiting',
        );
      }
    }
    this.trigger();
  }

  trigger(): void {
    this.#dirty = true;
    if (this.#running || !this.#active) return;
    this.#running = this.#loop().finally(() => (this.#running = undefined));
  }

  async #loop(): Promise<void> {
    while (this.#dirty && this.#active) {
      const waitMs = this.#lastCycleAt + this.#o.policy.cooldownMs - this.#clock();
      if (waitMs > 0) await this.#pause.sleep(waitMs);
      if (!this.#active) return;
      this.#dirty = false;
      try {
        await this.#cycle();
      } catch (error) {
        this.#o.logger.error({ err: error, symbol: this.symbol }, 'requote failed');
      }
      this.#lastCycleAt = this.#clock();
    }
  }

  async #cycle(): Promise<void> {
    const { guard, account, tracker, metrics, policy, instrument, params } = this.#o;
    const now = this.#clock();
    const changedAt = this.#changedAt;
    this.#changedAt = undefined;
    const verdict = guard.judge(this.symbol, now);
    if (verdict.ageMs !== undefined)
      metrics.referenceAge.set({ symbol: this.symbol }, verdict.ageMs / 1000);
    const position = account.position(this.symbol);
    let desired: DesiredQuote[] = [];
    let withheld: string | null = null;
    let reservation: Decimal | undefined;
    if (this.#o.isHalted()) withheld = 'halted';
    else if (!verdict.usable) withheld = `reference_${verdict.reason}`;
    else if (now < this.#blockedUntil) withheld = 'refused';
    else {
      const snapshot = account.account;
      const sides = allowedSides({
        position,
        maxPosition: params.maxPosition,
        // Unknown before the first account read: not a reason to hold back. Null: equity <= 0.
        marginUtilization:
          snapshot === undefined
            ? Decimal.ZERO
            : snapshot.marginUtilization === null
              ? 'infinite'
              : Decimal.parse(snapshot.marginUtilization),
        maxMarginUtilization: policy.maxMarginUtilization,
        tradingState: snapshot?.tradingState ?? 'active',
        halted: false,
      });
      withheld = sides.reason ?? null;
      const variancePerSecond = this.#variance.variancePerSecond();
      reservation = reservationPrice({
        ...params,
        reference: verdict.reference.price,
        position,
        variancePerSecond,
      });
      desired = computeQuotes(instrument, params, {
        reference: verdict.reference.price,
        variancePerSecond,
        position,
        sides,
      });
    }
    const resting = tracker.resting(this.symbol);
    const plan = planRequote({
      desired,
      resting: resting.map((order) => ({
        clientOrderId: order.clientOrderId,
        side: order.side,
        price: order.price,
        remainingQuantity: order.remaining,
        placedAt: order.placedAt,
      })),
      tickSize: instrument.tickSize,
      requoteThresholdTicks: policy.requoteThresholdTicks,
      sizeTolerance: policy.sizeTolerance,
      maxOrderAgeMs: policy.maxOrderAgeMs,
      now,
    });
    // An order whose place is unanswered cannot be canceled yet; the next cycle will.
    const cancels = plan.cancel
      .map((quote) => tracker.get(quote.clientOrderId))
      .filter((order): order is TrackedOrder => order !== undefined && order.status === 'open');
    const positionDue = this.#lastFillAt + POSITION_WAIT_MAX_MS;
    const awaitingPosition = this.#fillAwaitingPosition && now < positionDue;
    const placing = now >= this.#placePausedUntil && !awaitingPosition;
    const places = placing ? plan.place : [];
    if (!placing && plan.place.length > 0) {
      const resumeAt = awaitingPosition ? positionDue : this.#placePausedUntil;
      setTimeout(() => this.trigger(), Math.max(resumeAt, this.#placePausedUntil) - now).unref();
    }

    this.#status = {
      symbol: this.symbol,
      quoting: desired.length > 0,
      withheld,
      reference: verdict.usable ? verdict.reference.price.toString() : null,
      referenceAgeMs: verdict.ageMs ?? null,
      position: position.toString(),
      reservation: reservation?.toString() ?? null,
      restingOrders: resting.length - cancels.length + places.length,
    };
    if (cancels.length === 0 && places.length === 0) return;
    if (this.#o.dryRun) {
      this.#dryRun(cancels, places, now);
      return;
    }
    // Cancels first, then places, without waiting for the cancels' answers: the budget serves
    // callers in order, so the frames leave in that order and the account's FIFO queue applies
    // the cancels first; one round trip per requote, not two.
    await Promise.all([
      ...cancels.map((order) => this.#cancel(order)),
      ...places.map((quote) => this.#place(quote, now)),
    ]);
    if (!this.#active) return;
    const latencyMs = changedAt === undefined ? undefined : this.#clock() - changedAt;
    if (latencyMs !== undefined)
      metrics.requoteLatency.observe({ symbol: this.symbol }, latencyMs / 1000);
    this.#o.logger.debug(
      { canceled: cancels.length, placed: places.length, latencyMs },
      'requoted',
    );
    metrics.restingOrders.set({ symbol: this.symbol }, tracker.resting(this.symbol).length);
  }

  #dryRun(cancels: readonly TrackedOrder[], places: readonly DesiredQuote[], now: number): void {
    const { tracker, logger } = this.#o;
    for (const order of cancels) tracker.forget(order.clientOrderId);
    for (const quote of places) {
      tracker.acknowledged(this.#track(quote, now));
    }
    logger.info(
      {
        symbol: this.symbol,
        cancel: cancels.map((o) => `${o.side} ${o.remaining.toString()} @ ${o.price.toString()}`),
        place: places.map((q) => `${q.side} ${q.quantity.toString()} @ ${q.price.toString()}`),
      },
      'dry run: requote not sent',
    );
  }

  async #cancel(order: TrackedOrder): Promise<void> {
    const { tracker, budget, requests, metrics } = this.#o;
    tracker.canceling(order.clientOrderId);
    await budget.take();
    if (!this.#active) return tracker.cancelFailed(order.clientOrderId);
    try {
      await requests.cancel({ clientOrderId: order.clientOrderId, symbol: this.symbol });
      metrics.quotesCanceled.inc({ symbol: this.symbol });
    } catch (error) {
      this.#requestFailed(error, 'order.cancel');
      // Unknown: already filled or canceled; its report has come or will.
      if (error instanceof RpcError && error.code === RpcErrorCode.UnknownOrder)
        tracker.forget(order.clientOrderId);
      else tracker.cancelFailed(order.clientOrderId);
    }
  }

  /** A new order for the quote's slot, with the slot's next id, tracked as on its way. */
  #track(quote: DesiredQuote, now: number): string {
    const clientOrderId = this.#o.ids.next(this.symbol, quote.side, quote.level);
    this.#o.tracker.sending({
      clientOrderId,
      symbol: this.symbol,
      side: quote.side,
      price: quote.price,
      quantity: quote.quantity,
      placedAt: now,
    });
    return clientOrderId;
  }

  async #place(quote: DesiredQuote, now: number): Promise<void> {
    const { tracker, budget } = this.#o;
    const clientOrderId = this.#track(quote, now);
    await budget.take();
    if (!this.#active) return tracker.forget(clientOrderId);
    await this.send(clientOrderId);
  }

  /** Sends (or sends again, after a reconnect) the place of a tracked order, with its own id. */
  async send(clientOrderId: string): Promise<void> {
    const { tracker, requests, metrics } = this.#o;
    const order = tracker.get(clientOrderId);
    if (!order || order.status !== 'sending') return;
    try {
      await requests.place({
        clientOrderId,
        symbol: this.symbol,
        side: order.side,
        type: 'limit',
        price: order.price.toString(),
        quantity: order.quantity.toString(),
        timeInForce: 'gtc',
        // A maker's quote never takes: a grid that would cross is refused, not filled at a loss.
        postOnly: true,
      });
      tracker.acknowledged(clientOrderId);
      metrics.quotesPlaced.inc({ symbol: this.symbol, side: order.side });
    } catch (error) {
      this.#requestFailed(error, 'order.place');
      // An RPC error means nothing was queued; a lost connection leaves the outcome open, so the
      // order stays `sending` and the same request goes again after the reconnect.
      if (error instanceof RpcError) tracker.forget(clientOrderId);
    }
  }

  #requestFailed(error: unknown, method: string): void {
    const { metrics, budget, logger } = this.#o;
    if (!(error instanceof RpcError)) {
      logger.warn({ err: error, symbol: this.symbol, method }, 'order request without answer');
      return;
    }
    metrics.requestErrors.inc({ code: String(error.code) });
    if (error.code === RpcErrorCode.RateLimited) budget.blockFor(error.retryAfterMs ?? 1_000);
    const level = error.code === RpcErrorCode.UnknownOrder ? 'debug' : 'warn';
    logger[level](
      { symbol: this.symbol, method, code: error.code, data: error.data },
      'order request refused',
    );
  }

  /** A quote was accepted: the platform takes orders again. */
  onAccepted(): void {
    this.#blockMs = BLOCK_INITIAL_MS;
  }
}
