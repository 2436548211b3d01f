import { isOpenStatus } from '@perp/trading-domain';
import type { VenueOpenOrder } from '@perp/venue-adapter';
import type { OmsContext } from '../context.ts';
import type { VenueAccountClient } from '../venue-router.ts';
import { isUnknownOutcome } from '../routing.ts';

/**
 * What checking the venue's open orders against the OMS found, per order:
 * - `unknown_reported` / `unknown_canceled`: one of ours (our order id) that the OMS does not hold
 *   open: never stored (its place was lost before the commit) or already closed here. Reported,
 *   and canceled at the venue when so configured;
 * - `foreign_reported`: not placed by the platform (no order id of ours): reported only, as
 *   the platform cannot know what it is for.
 */
export type VenueOrderFinding = 'unknown_reported' | 'unknown_canceled' | 'foreign_reported';

/** Venue order ids seen open in the OMS too; each is checked once (see `checkVenueOpenOrders`). */
const KNOWN_LIMIT = 100_000;

export class VenueOpenOrdersCheck {
  readonly #ctx: OmsContext;
  readonly #account: VenueAccountClient;
  readonly #cancelUnknown: boolean;
  readonly #known = new Set<string>();
  readonly #reported = new Set<string>();

  constructor(
    ctx: OmsContext,
    account: VenueAccountClient,
    options: { readonly cancelUnknown: boolean },
  ) {
    this.#ctx = ctx;
    this.#account = account;
    this.#cancelUnknown = options.cancelUnknown;
  }

  /**
   * Lists the venue's open orders and looks up, once each, those older than the grace (a younger
   * one may be a place not yet committed). An order found open in the OMS is remembered and not
   * read again: an order can only become unknown here by being closed here while the venue still
   * works it, and reconciliation never closes an order the venue may still take (routing.ts).
   */
  async check(): Promise<VenueOrderFinding[]> {
    const ctx = this.#ctx;
    let listed: VenueOpenOrder[];
    try {
      listed = await this.#account.client.openOrders();
    } catch (error) {
      if (isUnknownOutcome(error)) return [];
      throw error;
    }
    const cutoff = ctx.clock() - ctx.reconcileGraceMs;
    const findings: VenueOrderFinding[] = [];
    for (const order of listed) {
      if (order.createdAt >= cutoff || this.#known.has(order.venueOrderId)) continue;
      const finding = await this.#checkOne(order);
      if (finding) findings.push(finding);
    }
    return findings;
  }

  async #checkOne(venueOrder: VenueOpenOrder): Promise<VenueOrderFinding | undefined> {
    const ctx = this.#ctx;
    const { accountId, orderId, venueOrderId, symbol } = venueOrder;
    const log = ctx.logger.child({ component: 'reconciliation', venueOrderId, symbol });
    if (accountId === null || orderId === null) {
      if (this.#reported.has(venueOrderId)) return undefined;
      this.#reported.add(venueOrderId);
      log.warn({ accountId, orderId }, 'the venue works an order the platform did not place');
      return 'foreign_reported';
    }
    const found = await ctx.store.getOrder(accountId, orderId);
    if (found && isOpenStatus(found.value.status)) {
      if (this.#known.size >= KNOWN_LIMIT) this.#known.clear();
      this.#known.add(venueOrderId);
      return undefined;
    }
    const detail = { accountId, orderId, status: found?.value.status ?? 'not stored' };
    if (!this.#cancelUnknown) {
      if (this.#reported.has(venueOrderId)) return undefined;
      this.#reported.add(venueOrderId);
      log.error(detail, 'the venue works an order of ours the OMS does not hold open');
      return 'unknown_reported';
    }
    try {
      await this.#account.client.cancelOrder({ accountId, orderId, symbol });
    } catch (error) {
      log.warn({ ...detail, err: error }, 'canceling an order the OMS does not hold open failed');
      return 'unknown_reported';
    }
    log.error(detail, 'the venue worked an order of ours the OMS does not hold open; canceled it');
    return 'unknown_canceled';
  }
}
