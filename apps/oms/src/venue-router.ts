import {
  routeKey,
  type AccountId,
  type InstrumentSymbol,
  type VenueRoute,
} from '@perp/trading-domain';
import {
  VenueCredentialsError,
  type VenueClient,
  type VenueFeedOpener,
  type VenueMarket,
} from '@perp/venue-adapter';
import type { InstrumentCache } from './instrument-cache.ts';

/** One venue account this OMS trades, and its client. */
export interface VenueAccountClient {
  readonly route: VenueRoute;
  readonly client: VenueClient;
  /**
   * How the account's order events reach the OMS:
   * - `replayed` (default): a feed forwarded from a durable cursor (the sim-venue's connector);
   * - `forwarded`: `feed`, run under the account's lease; it cannot replay what it missed while
   *   down, so the account's fill history is also polled every sweep (fills older than the grace);
   * - `polled`: no feed (its events cannot be attributed): the fill history is read every second
   *   and each fill booked at once.
   */
  readonly events?: 'replayed' | 'forwarded' | 'polled';
  readonly feed?: VenueFeedOpener;
  /**
   * The platform account the venue account trades for, when it is one account's: its positions
   * at the venue are then compared with the OMS's every sweep.
   */
  readonly accountId?: AccountId;
}

/**
 * The venue accounts this OMS trades, by route. A new order goes where its instrument routes
 * (the config table, else the default venue); everything after (its cancel, its
 * reconciliation) goes where the order went, by the route stored on it.
 */
export class VenueRouter {
  readonly #clients: ReadonlyMap<string, VenueAccountClient>;
  readonly #instruments: InstrumentCache;

  constructor(accounts: readonly VenueAccountClient[], instruments: InstrumentCache) {
    const clients = new Map<string, VenueAccountClient>();
    for (const account of accounts) {
      const key = routeKey(account.route);
      if (clients.has(key)) throw new Error(`venue account ${key} is configured twice`);
      if (account.client.venue !== account.route.venue)
        throw new Error(`venue account ${key} has a client of ${account.client.venue}`);
      clients.set(key, account);
    }
    this.#clients = clients;
    this.#instruments = instruments;
  }

  /** Where the instrument's new orders go. */
  routeOf(symbol: InstrumentSymbol): Promise<VenueRoute> {
    return this.#instruments.route(symbol);
  }

  /**
   * The client of the venue account; throws `VenueCredentialsError` (VENUE_ACCOUNT_UNCONFIGURED,
   * terminal: an order for it is rejected unsent) when this OMS does not trade it.
   */
  client(route: VenueRoute): VenueClient {
    const account = this.#clients.get(routeKey(route));
    if (!account)
      throw new VenueCredentialsError(
        'VENUE_ACCOUNT_UNCONFIGURED',
        `this OMS trades no venue account ${routeKey(route)}`,
      );
    return account.client;
  }

  /** Every venue account, for what reconciliation asks of each. */
  accounts(): readonly VenueAccountClient[] {
    return [...this.#clients.values()];
  }

  /** The instrument's market, from the venue it routes to (marks for risk and margin). */
  async market(symbol: InstrumentSymbol): Promise<VenueMarket> {
    return this.client(await this.routeOf(symbol)).market(symbol);
  }
}
