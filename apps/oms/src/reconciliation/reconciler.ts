import type { OmsContext } from '../context.ts';
import { reconcileOrder, type ReconcileOutcome } from './reconcile-order.ts';
import { VenueFillsPoll, type VenueFillFinding } from './venue-fills-poll.ts';
import { VenueOpenOrdersCheck, type VenueOrderFinding } from './venue-open-orders.ts';
import { VenuePositionsCheck, type VenuePositionFinding } from './venue-positions.ts';

type Counted =
  ReconcileOutcome | VenueOrderFinding | VenueFillFinding | VenuePositionFinding | 'error';

/** At start-up, how far back a forwarded or polled account's fills are read (default). */
const POLLED_LOOKBACK_MS = 10 * 60_000;

export interface ReconcilerOptions {
  readonly context: OmsContext;
  /** Time between sweeps; the first runs at start. */
  readonly intervalMs: number;
  /** Whether this replica sweeps now (the one holding the venue connector's lease). */
  readonly isActive?: () => boolean;
  /** Orders asked about at once. */
  readonly concurrency?: number;
  /** Cancel at the venue the orders of ours it works that the OMS does not hold open. */
  readonly cancelUnknown?: boolean;
  /**
   * How far back the fill polls read at start-up (default 10 minutes); set, it also polls the
   * accounts whose feed replays (the sim-venue's), which otherwise are not.
   */
  readonly pollFillsLookbackMs?: number;
  /** How often the fills of venue accounts whose events are polled are read (default 1 s). */
  readonly pollIntervalMs?: number;
  readonly observe?: (outcome: Counted) => void;
}

export type SweepSummary = Readonly<Partial<Record<Counted, number>>>;

/**
 * The reconciliation sweep: every order that has awaited the venue longer than the grace
 * (`submitted` with no answer, `pending_cancel` unconfirmed) is looked up at the venue by our
 * order id and settled by what the venue says (reconcile-order.ts). It runs at start-up and
 * then periodically, on the replica that holds the venue stream's lease (any replica may run
 * it: every write is conditional, the lease only saves duplicate venue requests). Then the
 * venue's open orders are checked against the OMS's (venue-open-orders.ts), where the feed
 * cannot replay, the venue's fill history against the fills booked (venue-fills-poll.ts), and
 * the positions of a venue account that trades for one platform account against its book
 * (venue-positions.ts). Accounts without a feed have their fills read every second apart.
 */
export class Reconciler {
  readonly #options: ReconcilerOptions;
  /** Per venue account the OMS trades. */
  readonly #venueOrders: VenueOpenOrdersCheck[];
  readonly #venueFills: VenueFillsPoll[];
  readonly #venuePositions: VenuePositionsCheck[];
  /** Accounts whose events are polled: their fills, booked as soon as read, every second. */
  readonly #polled: VenueFillsPoll[];
  #timer: NodeJS.Timeout | undefined;
  #pollTimer: NodeJS.Timeout | undefined;
  #running: Promise<SweepSummary> | undefined;
  #polling: Promise<SweepSummary> | undefined;
  #stopped = true;

  constructor(options: ReconcilerOptions) {
    this.#options = options;
    const { context, pollFillsLookbackMs: lookbackMs } = options;
    const accounts = context.venues.accounts();
    this.#venueOrders = accounts.map(
      (account) =>
        new VenueOpenOrdersCheck(context, account, {
          cancelUnknown: options.cancelUnknown ?? false,
        }),
    );
    // Replayed feeds miss nothing (polled only if asked); forwarded ones miss what came while down.
    const swept = accounts.filter(
      (account) =>
        account.events === 'forwarded' ||
        ((account.events ?? 'replayed') === 'replayed' && lookbackMs !== undefined),
    );
    this.#venueFills = swept.map(
      (account) =>
        new VenueFillsPoll(context, account, { lookbackMs: lookbackMs ?? POLLED_LOOKBACK_MS }),
    );
    this.#venuePositions = accounts.flatMap((account) =>
      account.accountId === undefined
        ? []
        : [new VenuePositionsCheck(context, account, account.accountId)],
    );
    this.#polled = accounts
      .filter((account) => account.events === 'polled')
      .map(
        (account) =>
          new VenueFillsPoll(context, account, {
            lookbackMs: lookbackMs ?? POLLED_LOOKBACK_MS,
            settleMs: 0,
          }),
      );
  }

  /** One read of the polled accounts' fills; one already running is joined. */
  pollFills(): Promise<SweepSummary> {
    this.#polling ??= this.#pollFills().finally(() => {
      this.#polling = undefined;
    });
    return this.#polling;
  }

  async #pollFills(): Promise<SweepSummary> {
    const tally = this.#tally();
    for (const poll of this.#polled) await tally.eachAccount(() => poll.poll());
    return tally.summary;
  }

  /**
   * What a sweep or a poll found, counted (and observed) by outcome. One venue account's failure
   * (a malformed answer) is counted as an error and does not keep the others unchecked.
   */
  #tally() {
    const summary: Partial<Record<Counted, number>> = {};
    const count = (outcome: Counted) => {
      summary[outcome] = (summary[outcome] ?? 0) + 1;
      this.#options.observe?.(outcome);
    };
    const eachAccount = async (work: () => Promise<readonly Counted[]>) => {
      try {
        for (const finding of await work()) count(finding);
      } catch (err) {
        this.#options.context.logger.warn(
          { err },
          'checking a venue account failed; retried next time',
        );
        count('error');
      }
    };
    return { summary, count, eachAccount };
  }

  #schedulePoll(): void {
    this.#pollTimer = setTimeout(() => {
      const due = this.#options.isActive?.() ?? true;
      void (due ? this.pollFills() : Promise.resolve({})).finally(() => {
        if (!this.#stopped) this.#schedulePoll();
      });
    }, this.#options.pollIntervalMs ?? 1_000);
    this.#pollTimer.unref();
  }

  /** One sweep; a sweep already running is joined, not doubled. */
  sweep(): Promise<SweepSummary> {
    this.#running ??= this.#sweep().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
    if (this.#polled.length > 0) this.#schedulePoll();
  }

  /** Stops scheduling and waits for the sweep in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#pollTimer);
    await Promise.all([this.#running?.catch(() => undefined), this.#polling]);
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      const due = this.#options.isActive?.() ?? true;
      void (due ? this.sweep() : Promise.resolve({}))
        .catch((err: unknown) =>
          this.#options.context.logger.warn(
            { err },
            'reconciliation sweep failed; retried next time',
          ),
        )
        .finally(() => {
          if (!this.#stopped) this.#schedule(this.#options.intervalMs);
        });
    }, delayMs);
    this.#timer.unref();
  }

  async #sweep(): Promise<SweepSummary> {
    const ctx = this.#options.context;
    const listed = await ctx.store.listInFlightOrders({
      updatedBefore: ctx.clock() - ctx.reconcileGraceMs,
    });
    const { summary, count, eachAccount } = this.#tally();
    const queue = [...listed];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          count(await reconcileOrder(ctx, next));
        } catch (err) {
          // One order's failure (a store error, a conflict with a concurrent writer) does not
          // stop the sweep: that order is simply asked about again next time.
          ctx.logger.warn({ err, orderId: next.value.orderId }, 'reconciling an order failed');
          count('error');
        }
      }
    };
    await Promise.all(Array.from({ length: this.#options.concurrency ?? 4 }, worker));
    for (const check of this.#venueOrders) await eachAccount(() => check.check());
    for (const poll of this.#venueFills) await eachAccount(() => poll.poll());
    for (const check of this.#venuePositions) await eachAccount(() => check.check());
    if (Object.keys(summary).length > 0) ctx.logger.info({ summary }, 'reconciliation sweep done');
    return summary;
  }
}
