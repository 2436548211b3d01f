import type { VenueEventCommand } from '@perp/contracts';
import { venueFillCommand, type VenueAccountFill } from '@perp/venue-adapter';
import type { OmsContext } from '../context.ts';
import type { VenueAccountClient } from '../venue-router.ts';
import { applyVenueEvent } from '../handlers/venue-events.ts';
import { isUnknownOutcome } from '../routing.ts';

/**
 * What polling the venue's fill history found, per fill:
 * - `fill_booked`: a fill of ours the feed never delivered, now booked under the feed event's
 *   id (`<venue>:fill:<tradeId>:<orderId>`): the feed's copy, if it ever comes, changes nothing;
 * - `foreign_fill`: a fill of an order the platform did not place: reported once;
 * - `unattributed_fill`: a fill of ours the venue reports without the platform account (a venue
 *   account shared by many): the open-order sweep settles its order instead; reported once.
 */
export type VenueFillFinding = 'fill_booked' | 'foreign_fill' | 'unattributed_fill';

export interface VenueFillsPollOptions {
  /** At start-up, how far back the first poll reads (the feed may have missed fills meanwhile). */
  readonly lookbackMs: number;
  /**
   * Fills younger than this are left for the feed (default the reconcile grace); 0 where no
   * feed delivers the account's fills and the poll is how they arrive.
   */
  readonly settleMs?: number;
  /** Fills asked for at once, and pages read per poll (the rest waits for the next poll). */
  readonly pageSize?: number;
  readonly maxPages?: number;
}

/** The most fills asked for at once: every client answers this many when the venue has them. */
const PAGE_MAX = 1_000;
/**
 * With no grace (a venue account without a feed), the last seconds are read again every poll: a
 * venue may list a fill in its history a moment after the time it carries.
 */
const UNSETTLED_OVERLAP_MS = 10_000;

/** Fills reported once (foreign, unattributed), kept up to this many. */
const REPORTED_LIMIT = 10_000;

/**
 * The fill poll of one venue account: its fills from a cursor on, each checked
 * against what the OMS booked, and any the feed missed (a WebSocket that dropped, a feed that
 * cannot replay) booked. Only fills older than the grace are taken: a younger one may still be
 * on its way through the feed and the queue. A fill already booked costs one read (its command
 * record); booking is unique by trade id, so a poll racing the feed books it once.
 */
export class VenueFillsPoll {
  readonly #ctx: OmsContext;
  readonly #account: VenueAccountClient;
  readonly #pageSize: number;
  readonly #maxPages: number;
  readonly #settleMs: number;
  readonly #overlapMs: number;
  #cursor: number;
  /**
   * The fills at or after the cursor already taken, with their times (the next page starts at
   * the cursor, so they come again), by trade and venue order: a venue may report both sides of
   * a trade under one trade id.
   */
  readonly #taken = new Map<string, number>();
  readonly #reported = new Set<string>();

  constructor(ctx: OmsContext, account: VenueAccountClient, options: VenueFillsPollOptions) {
    this.#ctx = ctx;
    this.#account = account;
    this.#pageSize = options.pageSize ?? 500;
    this.#maxPages = options.maxPages ?? 4;
    this.#settleMs = options.settleMs ?? ctx.reconcileGraceMs;
    this.#overlapMs = this.#settleMs > 0 ? 0 : UNSETTLED_OVERLAP_MS;
    this.#cursor = ctx.clock() - options.lookbackMs;
  }

  /** Where the next poll starts (ms). */
  get cursor(): number {
    return this.#cursor;
  }

  async poll(): Promise<VenueFillFinding[]> {
    const findings: VenueFillFinding[] = [];
    const settledBefore = this.#ctx.clock() - this.#settleMs;
    for (let page = 0; page < this.#maxPages; page++) {
      // Those taken since the cursor come again first: room for them on top.
      const requested = Math.min(this.#pageSize + this.#taken.size, PAGE_MAX);
      let fills: VenueAccountFill[];
      try {
        fills = await this.#account.client.fillsSince(this.#cursor, requested);
      } catch (error) {
        if (isUnknownOutcome(error)) return findings;
        throw error;
      }
      for (const fill of fills) {
        if (fill.ts >= settledBefore && this.#settleMs > 0) return findings;
        const key = fillKey(fill);
        if (this.#taken.has(key)) continue;
        const finding = await this.#check(fill);
        if (finding) findings.push(finding);
        this.#taken.set(key, fill.ts);
      }
      if (fills.length < requested) {
        // A short page: every fill before the settled line is read; later polls start there
        // (less the overlap, whose fills taken are skipped).
        this.#advanceTo(settledBefore - this.#overlapMs);
        return findings;
      }
      // A full page: the next one starts at its last fill's time.
      this.#advanceTo(fills.at(-1)?.ts ?? this.#cursor);
    }
    return findings;
  }

  /** Moves the cursor to `ts` once every fill before it is read; forgets what lies before it. */
  #advanceTo(ts: number): void {
    if (ts <= this.#cursor) return;
    this.#cursor = ts;
    for (const [key, at] of this.#taken) if (at < ts) this.#taken.delete(key);
  }

  async #check(fill: VenueAccountFill): Promise<VenueFillFinding | undefined> {
    const ctx = this.#ctx;
    const { accountId, orderId, symbol, tradeId } = fill;
    if (orderId === null || accountId === null) {
      if (this.#reported.has(fillKey(fill))) return undefined;
      if (this.#reported.size >= REPORTED_LIMIT) this.#reported.clear();
      this.#reported.add(fillKey(fill));
      const log = ctx.logger.child({ component: 'reconciliation', tradeId, symbol });
      if (orderId === null) {
        log.warn(
          { venueOrderId: fill.venueOrderId },
          'the venue filled an order the platform did not place',
        );
        return 'foreign_fill';
      }
      log.warn({ orderId }, 'the venue reports a fill of ours without its account');
      return 'unattributed_fill';
    }
    const mapped = venueFillCommand(
      fill,
      { accountId, orderId, symbol },
      { venue: this.#account.route.venue, receivedAt: ctx.clock() },
    );
    if (!mapped.ok) {
      ctx.logger.error(
        { tradeId, orderId, problem: mapped.reason },
        'a polled venue fill cannot be stored',
      );
      return undefined;
    }
    // Booked (by the feed, or an earlier poll) leaves its command record: one read settles it.
    if (await ctx.store.getCommand(accountId, mapped.command.commandId)) return undefined;
    const applied = await applyVenueEvent(ctx, mapped.command as VenueEventCommand);
    if (applied === 'unchanged') return undefined;
    ctx.logger.warn(
      { accountId, orderId, tradeId, component: 'reconciliation' },
      'booked a venue fill the feed never delivered',
    );
    return 'fill_booked';
  }
}

const fillKey = (fill: VenueAccountFill) => `${fill.tradeId}/${fill.venueOrderId}`;
