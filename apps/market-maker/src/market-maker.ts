import { Decimal } from '@perp/decimal';
import type { Logger } from '@perp/logger';
import { killSwitch, type QuoteInstrument } from '@perp/market-making';
import { Lease, type RedisKeyspace } from '@perp/redis-adapter';
import type { TokenSource } from '@perp/trader-client';
import { unwrap, parseInstrumentSymbol, type InstrumentSymbol } from '@perp/trading-domain';
import type { Redis } from 'ioredis';
import { quoteParamsOf, type MarketMakerConfig } from './config.ts';
import { marketMakerKeys } from './market-maker-keys.ts';
import type { MarketMakerMetrics } from './ops/market-maker-metrics.ts';
import { OrderTracker } from './quoting/order-tracker.ts';
import { QuoteIds } from './quoting/quote-ids.ts';
import { RequestBudget } from './quoting/request-budget.ts';
import { SymbolQuoter, type QuoterStatus } from './quoting/symbol-quoter.ts';
import { ReferenceGuard } from './reference/reference-guard.ts';
import type { ReferencePrice, ReferenceSource } from './reference/reference-source.ts';
import { TickerReference } from './reference/ticker-reference.ts';
import { DailyBaseline } from './risk/daily-baseline.ts';
import { HaltSwitch, type Halt } from './risk/halt-switch.ts';
import { AccountState } from './session/account-state.ts';
import { TradingSession } from './session/trading-session.ts';

export type Role = 'standby' | 'starting' | 'active' | 'stopping' | 'stopped';

export interface MarketMakerOptions {
  readonly config: MarketMakerConfig;
  readonly token: TokenSource;
  readonly redis: Redis;
  readonly keyspace: RedisKeyspace;
  readonly replicaId: string;
  readonly logger: Logger;
  readonly metrics: MarketMakerMetrics;
  /** More reference sources than the ticker (an on-chain feed), built by main from the config. */
  readonly externalReference?: ReferenceSource;
  readonly clock?: () => number;
}

// How often every quoter re-checks on its own (order age, a fill delay that ended, a stale reference).
const HEARTBEAT_MS = 1_000;
// SIGTERM: how long the cancels get to be confirmed before the bot leaves anyway (within the
// shutdown deadline; cancel-on-disconnect covers whatever is left).
const CANCEL_WAIT_MS = 15_000;

/**
 * The singleton: a standby until it holds the lease, then the active quoter of every configured
 * symbol until it loses the lease (stops sending at once) or is stopped (cancels everything,
 * hands the lease back). The kill switch halts it without stopping it.
 */
export class MarketMaker {
  readonly #o: MarketMakerOptions;
  readonly #clock: () => number;
  readonly #lease: Lease;
  readonly #halt: HaltSwitch;
  readonly #baseline: DailyBaseline;
  readonly #ticker = new TickerReference();
  readonly #account = new AccountState();
  readonly #symbols: readonly InstrumentSymbol[];
  #role: Role = 'standby';
  #term: Term | undefined;
  #transition: Promise<void> = Promise.resolve();

  constructor(options: MarketMakerOptions) {
    this.#o = options;
    this.#clock = options.clock ?? Date.now;
    const { config, redis, keyspace, replicaId } = options;
    const keys = marketMakerKeys(config.REDIS_KEY_PREFIX);
    this.#halt = new HaltSwitch(redis, keys, config.MARKET_MAKER_LEASE_NAME);
    this.#baseline = new DailyBaseline(redis, keys, config.MARKET_MAKER_LEASE_NAME);
    this.#symbols = [...config.symbols.keys()];
    this.#lease = new Lease({
      redis,
      keys: keyspace,
      name: config.MARKET_MAKER_LEASE_NAME,
      owner: replicaId,
      ttlMs: config.MARKET_MAKER_LEASE_TTL_MS,
      intervalMs: config.MARKET_MAKER_LEASE_INTERVAL_MS,
      onAcquired: (token) => this.#serially(() => this.#activate(token)),
      onLost: (token, why) =>
        why === 'lost' ? this.#serially(() => this.#deactivate(token)) : Promise.resolve(),
      onError: (error) => options.logger.warn({ err: error }, 'lease renewal failed'),
    });
  }

  get role(): Role {
    return this.#role;
  }

  get halted(): Halt | undefined {
    return this.#halt.current;
  }

  get quoters(): readonly QuoterStatus[] {
    return this.#term?.quoters.map((quoter) => quoter.status) ?? [];
  }

  /** For /ready: a standby is ready as it is; an active bot needs its gateway connection. */
  get connected(): boolean {
    return this.#role !== 'active' || this.#term?.session.isOpen === true;
  }

  start(): void {
    this.#o.metrics.leaseActive.set(0);
    this.#lease.start();
    this.#o.logger.info(
      { lease: this.#o.config.MARKET_MAKER_LEASE_NAME },
      'standby: waiting for the lease',
    );
  }

  /** SIGTERM: stop quoting, cancel every order, hand the lease back. */
  async stop(): Promise<void> {
    await this.#serially(async () => {
      if (this.#term) await this.#endTerm(this.#term, 'cancel');
    });
    this.#role = 'stopping';
    await this.#lease.stop();
    this.#role = 'stopped';
  }

  /** The operator's kill switch (POST /halt). */
  async haltNow(detail: string): Promise<void> {
    await this.#trip({ reason: 'operator', at: this.#clock(), detail });
  }

  /** POST /resume: the bot quotes again; a daily-loss baseline restarts from today's equity. */
  async resume(): Promise<void> {
    await this.#halt.resume();
    this.#o.metrics.halted.set(0);
    const equity = this.#account.account?.equity;
    if (equity !== undefined) await this.#baseline.reset(Decimal.parse(equity), this.#clock());
    this.#o.logger.warn('resumed by an operator');
    for (const quoter of this.#term?.quoters ?? []) quoter.trigger();
  }

  #serially(step: () => Promise<void>): Promise<void> {
    const next = this.#transition.then(step, step);
    this.#transition = next.catch((error: unknown) =>
      this.#o.logger.error({ err: error }, 'market maker transition failed'),
    );
    return this.#transition;
  }

  async #activate(fencingToken: number): Promise<void> {
    const { config, logger, metrics } = this.#o;
    this.#role = 'starting';
    metrics.leaseActive.set(1);
    metrics.leaseFencingToken.set(fencingToken);
    logger.info({ fencingToken }, 'lease taken: starting to quote');
    const halt = await this.#halt.load();
    metrics.halted.set(halt ? 1 : 0);
    if (halt) logger.warn({ halt }, 'halted: quotes stay off until an operator resumes');
    const term = await this.#openTerm(fencingToken);
    if (this.#lease.fencingToken !== fencingToken) {
      // Lost while connecting: never quote under a token that is no longer ours.
      await this.#endTerm(term, 'keep');
      return;
    }
    this.#term = term;
    this.#role = 'active';
    await this.#resync(term);
    for (const quoter of term.quoters) quoter.start();
    logger.info({ symbols: this.#symbols, dryRun: config.MARKET_MAKER_DRY_RUN }, 'quoting');
  }

  async #deactivate(fencingToken: number): Promise<void> {
    const { logger, metrics } = this.#o;
    logger.error({ fencingToken }, 'lease lost: quoting stopped, standby again');
    metrics.leaseActive.set(0);
    metrics.leaseFencingToken.set(0);
    if (this.#term) await this.#endTerm(this.#term, 'keep');
    this.#role = 'standby';
  }

  async #openTerm(fencingToken: number): Promise<Term> {
    const { config, logger, metrics, token, externalReference } = this.#o;
    const tracker = new OrderTracker();
    const ids = new QuoteIds(config.MARKET_MAKER_CLIENT_ID_PREFIX, fencingToken);
    const budget = new RequestBudget({
      perSecond: config.MARKET_MAKER_ORDERS_PER_SECOND,
      burst: config.MARKET_MAKER_ORDER_BURST,
    });
    const byName = new Map<string, SymbolQuoter>();
    const term: Term = {
      fencingToken,
      tracker,
      ids,
      quoters: [],
      session: undefined as never,
      timers: [],
      unlisten: [],
    };
    const session = await TradingSession.open({
      url: config.MARKET_MAKER_GATEWAY_URL,
      token,
      symbols: this.#symbols,
      ticker: this.#ticker,
      account: this.#account,
      logger,
      dryRun: config.MARKET_MAKER_DRY_RUN,
      onReport: (report) => {
        const change = tracker.apply(report);
        const quoter = byName.get(report.symbol);
        if (report.execType === 'accepted') quoter?.onAccepted();
        if (change.kind === 'fill') {
          metrics.fills.inc({ symbol: change.symbol });
          quoter?.onFill();
        } else if (change.kind === 'gone') quoter?.onGone(change.status, change.reason);
        else if (change.kind === 'foreign' && quoter && isResting(report.status))
          void this.#cancelForeign(term, report);
      },
      onPositions: (symbols) => {
        for (const quoter of term.quoters)
          if (symbols === 'all' || symbols.includes(quoter.symbol)) quoter.onPosition();
          else quoter.trigger();
        this.#publishPositions();
      },
      onInterrupted: () => {
        for (const quoter of term.quoters) void quoter.stop();
      },
      onResumed: () =>
        void this.#serially(async () => {
          if (this.#term !== term) return;
          await this.#resync(term);
          for (const quoter of term.quoters) quoter.start();
        }),
      onClosed: (reason) => {
        logger.error({ reason }, 'gateway connection closed for good; handing the lease back');
        void this.#serially(async () => {
          if (this.#term === term) await this.#endTerm(term, 'keep');
        }).then(() => this.#lease.stop().then(() => this.#lease.start()));
      },
    });
    term.session = session;
    try {
      const instruments = await session.instruments();
      // The first source is quoted around; a second one only has to agree with it.
      const sources: ReferenceSource[] = !externalReference
        ? [this.#ticker]
        : config.MARKET_MAKER_REFERENCE === 'chainlink'
          ? [externalReference]
          : [this.#ticker, externalReference];
      if (externalReference) await externalReference.start();
      const guard = new ReferenceGuard({
        sources,
        staleAfterMs: config.MARKET_MAKER_REFERENCE_STALE_MS,
        bandBps: config.MARKET_MAKER_REFERENCE_BAND_BPS,
      });
      for (const [symbol, settings] of config.symbols) {
        const listed = instruments.find((instrument) => instrument.symbol === symbol);
        if (!listed)
          throw new Error(`${symbol} is not listed by the gateway (MARKET_MAKER_SYMBOLS)`);
        const quoter = new SymbolQuoter({
          instrument: quoteInstrument(listed),
          params: quoteParamsOf(settings),
          policy: {
            requoteThresholdTicks: settings.MARKET_MAKER_REQUOTE_THRESHOLD_TICKS,
            sizeTolerance: config.MARKET_MAKER_REQUOTE_SIZE_TOLERANCE,
            maxOrderAgeMs: config.MARKET_MAKER_MAX_ORDER_AGE_MS,
            cooldownMs: config.MARKET_MAKER_REQUOTE_COOLDOWN_MS,
            fillDelayMs: config.MARKET_MAKER_FILL_DELAY_MS,
            maxMarginUtilization: config.MARKET_MAKER_MAX_MARGIN_UTILIZATION,
          },
          volatilityWindowMs: config.MARKET_MAKER_VOLATILITY_WINDOW_MS,
          guard,
          account: this.#account,
          tracker,
          ids,
          budget,
          requests: session,
          metrics,
          logger: logger.child({ symbol }),
          dryRun: config.MARKET_MAKER_DRY_RUN,
          isHalted: () => this.#halt.current !== undefined,
        });
        byName.set(symbol, quoter);
        term.quoters.push(quoter);
      }
      const last = new Map<string, string>();
      const onPrice = (price: ReferencePrice) => {
        const key = `${price.source}:${price.symbol}`;
        const changed = last.get(key) !== price.price.toString();
        last.set(key, price.price.toString());
        // The volatility follows the quoted source only.
        if (price.source === sources[0]?.name)
          byName.get(price.symbol)?.onReference(price.price, price.observedAt, changed);
        else if (changed) byName.get(price.symbol)?.trigger();
      };
      for (const source of sources) term.unlisten.push(source.onPrice(onPrice));
      term.timers.push(
        setInterval(() => {
          for (const quoter of term.quoters) quoter.trigger();
        }, HEARTBEAT_MS),
        setInterval(() => void this.#watchAccount(term), config.MARKET_MAKER_ACCOUNT_POLL_MS),
      );
      await this.#watchAccount(term);
    } catch (error) {
      await this.#endTerm(term, 'keep');
      throw error;
    }
    return term;
  }

  /**
   * Reads the open orders while no quoter sends: the bot's own are adopted, any other order of
   * its account on its symbols is canceled, unanswered places are sent again with their own ids.
   */
  async #resync(term: Term): Promise<void> {
    const { logger } = this.#o;
    const symbols = new Set<string>(this.#symbols);
    const open = await term.session.openOrders();
    const foreign = term.tracker.reconcile(
      open,
      (order) => term.ids.isOwn(order.clientOrderId, symbols),
      this.#clock(),
    );
    for (const order of foreign) await this.#cancelForeign(term, order);
    const byName = new Map(term.quoters.map((quoter) => [quoter.symbol as string, quoter]));
    await Promise.all(
      term.tracker.unanswered().map((order) => byName.get(order.symbol)?.send(order.clientOrderId)),
    );
    logger.info(
      { adopted: term.tracker.size, foreign: foreign.length },
      'resynced with the platform',
    );
  }

  /** An order of the bot's account on its symbols that it did not place (now or before): canceled. */
  async #cancelForeign(
    term: Term,
    order: { readonly orderId: string; readonly clientOrderId: string; readonly symbol: string },
  ): Promise<void> {
    const { logger, config } = this.#o;
    logger.warn(
      { clientOrderId: order.clientOrderId, symbol: order.symbol },
      'canceling an order the bot did not place',
    );
    if (config.MARKET_MAKER_DRY_RUN || this.#term !== term) return;
    await term.session
      .cancel({ orderId: order.orderId, symbol: order.symbol })
      .catch((error: unknown) =>
        logger.warn({ err: error, orderId: order.orderId }, 'cancel of a foreign order failed'),
      );
  }

  async #watchAccount(term: Term): Promise<void> {
    const { config, logger, metrics } = this.#o;
    if (!term.session.isOpen) return;
    let snapshot;
    try {
      snapshot = await term.session.accountSnapshot();
    } catch (error) {
      logger.warn({ err: error }, 'account.get failed');
      return;
    }
    this.#account.updateAccount(snapshot);
    const equity = Decimal.parse(snapshot.equity);
    metrics.equity.set(Number(snapshot.equity));
    if (snapshot.marginUtilization !== null)
      metrics.marginUtilization.set(Number(snapshot.marginUtilization));
    const dayStartEquity = await this.#baseline.baseline(equity, this.#clock());
    if (this.#halt.current) return;
    const reason = killSwitch({
      equity,
      dayStartEquity,
      ...(config.MARKET_MAKER_EQUITY_FLOOR
        ? { equityFloor: config.MARKET_MAKER_EQUITY_FLOOR }
        : {}),
      ...(config.MARKET_MAKER_MAX_DAILY_LOSS
        ? { maxDailyLoss: config.MARKET_MAKER_MAX_DAILY_LOSS }
        : {}),
    });
    if (reason)
      await this.#trip({
        reason,
        at: this.#clock(),
        detail: `equity ${equity.toString()}, day began at ${dayStartEquity.toString()}`,
      });
  }

  /** Kill switch: quotes off and every order of the bot's symbols canceled; the process stays up. */
  async #trip(halt: Halt): Promise<void> {
    const { logger, metrics } = this.#o;
    await this.#halt.halt(halt);
    metrics.halted.set(1);
    logger.error(
      { halt },
      'kill switch: halted, every order canceled; POST /resume to quote again',
    );
    const term = this.#term;
    if (!term || this.#o.config.MARKET_MAKER_DRY_RUN) return;
    for (const quoter of term.quoters) quoter.trigger();
    await Promise.all(
      this.#symbols.map((symbol) =>
        term.session
          .cancelAll(symbol)
          .catch((error: unknown) => logger.warn({ err: error, symbol }, 'cancel all failed')),
      ),
    );
  }

  /** Ends a term. `cancel`: every order of the bot's symbols canceled first (SIGTERM). */
  async #endTerm(term: Term, orders: 'cancel' | 'keep'): Promise<void> {
    const { logger, config, externalReference } = this.#o;
    if (this.#term === term) this.#term = undefined;
    for (const timer of term.timers) clearInterval(timer);
    for (const unlisten of term.unlisten) unlisten();
    await Promise.all(term.quoters.map((quoter) => quoter.stop()));
    if (orders === 'cancel' && !config.MARKET_MAKER_DRY_RUN && term.session?.isOpen) {
      await Promise.all(
        this.#symbols.map((symbol) =>
          term.session
            .cancelAll(symbol)
            .catch((error: unknown) => logger.warn({ err: error, symbol }, 'cancel all failed')),
        ),
      );
      const until = this.#clock() + CANCEL_WAIT_MS;
      while (
        term.tracker.all().some((order) => order.status !== 'sending') &&
        this.#clock() < until
      )
        await new Promise((resolve) => setTimeout(resolve, 50));
      logger.info({ left: term.tracker.size }, 'orders canceled');
    }
    await term.session?.close({ keepOrders: orders === 'keep' });
    await externalReference?.stop();
    await this.#ticker.stop();
    this.#account.clear();
  }

  #publishPositions(): void {
    const { metrics } = this.#o;
    for (const symbol of this.#symbols) {
      const position = this.#account.positionOf(symbol);
      if (!position) continue;
      metrics.inventory.set({ symbol }, Number(position.quantity));
      metrics.pnl.set({ symbol, kind: 'realized' }, Number(position.realizedPnl));
      metrics.pnl.set({ symbol, kind: 'unrealized' }, Number(position.unrealizedPnl));
    }
  }
}

interface Term {
  readonly fencingToken: number;
  readonly tracker: OrderTracker;
  readonly ids: QuoteIds;
  readonly quoters: SymbolQuoter[];
  session: TradingSession;
  readonly timers: NodeJS.Timeout[];
  readonly unlisten: (() => void)[];
}

function quoteInstrument(listed: {
  readonly symbol: string;
  readonly tickSize: string;
  readonly lotSize: string;
  readonly minQuantity: string;
  readonly maxQuantity: string;
}): QuoteInstrument {
  return {
    symbol: unwrap(parseInstrumentSymbol(listed.symbol)),
    tickSize: Decimal.parse(listed.tickSize),
    lotSize: Decimal.parse(listed.lotSize),
    minQuantity: Decimal.parse(listed.minQuantity),
    maxQuantity: Decimal.parse(listed.maxQuantity),
  };
}

/** Open on the book (not yet ended, no cancel asked). */
function isResting(status: string): boolean {
  return status === 'accepted' || status === 'partially_filled';
}
