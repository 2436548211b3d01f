import {
  identifierOf,
  type InstrumentSymbol,
  type VenueAccountName,
  type VenueName,
} from './identifiers.ts';

/**
 * Where an order is sent: a venue and one of the platform's accounts there. Fixed on the order
 * when it is placed, so its cancel and its reconciliation go where it went even after the
 * instrument's route changes.
 */
export interface VenueRoute {
  readonly venue: VenueName;
  readonly venueAccount: VenueAccountName;
}

/** An instrument's route, as the config table holds it. */
export interface InstrumentRoute extends VenueRoute {
  readonly symbol: InstrumentSymbol;
}

/**
 * The route of an instrument the config table names none for, and of orders stored before
 * routing existed: the simulated venue, the local stack's and paper trading's.
 */
export const DEFAULT_VENUE_ROUTE: VenueRoute = Object.freeze({
  venue: identifierOf('VenueName', 'sim'),
  venueAccount: identifierOf('VenueAccountName', 'default'),
});

/** `venue/account`, as logs, metrics and the credentials' names show a route. */
export const routeKey = (route: VenueRoute): string => `${route.venue}/${route.venueAccount}`;

export const sameRoute = (a: VenueRoute, b: VenueRoute): boolean =>
  a.venue === b.venue && a.venueAccount === b.venueAccount;
