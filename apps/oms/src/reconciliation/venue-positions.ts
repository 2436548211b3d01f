import { Decimal } from '@perp/decimal';
import { sameRoute, type AccountId, type InstrumentSymbol } from '@perp/trading-domain';
import { VenueRequestError, type VenuePosition } from '@perp/venue-adapter';
import type { OmsContext } from '../context.ts';
import { isUnknownOutcome } from '../routing.ts';
import type { VenueAccountClient } from '../venue-router.ts';

/**
 * `position_mismatch`: the venue account holds another position in an instrument routed to it
 * than the OMS books for the platform account it trades for (a fill never booked, an order
 * another client placed, a liquidation at the venue). Reported, never corrected: which side is
 * right is an operator's call.
 */
export type VenuePositionFinding = 'position_mismatch';

/**
 * Compares a venue account's positions with the OMS's, for a venue account that trades for one
 * platform account. A difference is reported once it has lasted `persistMs` (default the
 * reconcile grace: a fill at the venue takes up to that long to be booked), and again only when
 * it changes.
 */
export class VenuePositionsCheck {
  readonly #ctx: OmsContext;
  readonly #account: VenueAccountClient;
  readonly #accountId: AccountId;
  readonly #persistMs: number;
  /** Each difference seen, and since when. */
  #seen = new Map<InstrumentSymbol, { readonly difference: string; readonly since: number }>();
  readonly #reported = new Map<InstrumentSymbol, string>();
  #unsupported = false;

  constructor(
    ctx: OmsContext,
    account: VenueAccountClient,
    accountId: AccountId,
    options: { readonly persistMs?: number } = {},
  ) {
    this.#ctx = ctx;
    this.#account = account;
    this.#accountId = accountId;
    this.#persistMs = options.persistMs ?? ctx.reconcileGraceMs;
  }

  async check(): Promise<VenuePositionFinding[]> {
    if (this.#unsupported) return [];
    let atVenue: VenuePosition[];
    try {
      atVenue = await this.#account.client.positions();
    } catch (error) {
      if (isUnknownOutcome(error)) return [];
      // A venue that keeps no positions (the sim-venue: the OMS is its ledger).
      if (error instanceof VenueRequestError && error.code === 'UNSUPPORTED') {
        this.#unsupported = true;
        return [];
      }
      throw error;
    }
    const venueQuantity = new Map(atVenue.map((p) => [p.symbol, p.quantity]));
    const symbols = new Set<InstrumentSymbol>(venueQuantity.keys());
    for (const instrument of await this.#ctx.instruments.all())
      if (sameRoute(await this.#ctx.instruments.route(instrument.symbol), this.#account.route))
        symbols.add(instrument.symbol);
    const now = this.#ctx.clock();
    const seen = new Map<
      InstrumentSymbol,
      { readonly difference: string; readonly since: number }
    >();
    const findings: VenuePositionFinding[] = [];
    for (const symbol of symbols) {
      const booked = await this.#ctx.store.getPosition(this.#accountId, symbol);
      const oms = booked?.value.quantity ?? Decimal.ZERO;
      const venue = venueQuantity.get(symbol) ?? Decimal.ZERO;
      if (venue.eq(oms)) {
        this.#reported.delete(symbol);
        continue;
      }
      const difference = `${venue.toString()}/${oms.toString()}`;
      const earlier = this.#seen.get(symbol);
      const since = earlier?.difference === difference ? earlier.since : now;
      seen.set(symbol, { difference, since });
      if (now - since < this.#persistMs || this.#reported.get(symbol) === difference) continue;
      this.#reported.set(symbol, difference);
      this.#ctx.logger.error(
        {
          component: 'reconciliation',
          route: this.#account.route,
          accountId: this.#accountId,
          symbol,
          venueQuantity: venue.toString(),
          omsQuantity: oms.toString(),
        },
        'the venue account holds another position than the OMS books',
      );
      findings.push('position_mismatch');
    }
    this.#seen = seen;
    return findings;
  }
}
