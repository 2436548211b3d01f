// The command lines of `routes` and `route`: which instrument's new orders go to which venue
// account. Grammar and policy are checked here, before the config table is touched.
import {
  parseInstrumentSymbol,
  parseVenueAccountName,
  parseVenueName,
  type ContractType,
  type InstrumentSymbol,
  type VenueRoute,
} from '@perp/trading-domain';
import { UsageError } from './usage-error.ts';

export type RouteCommand =
  | { readonly name: 'routes' }
  | {
      readonly name: 'route';
      readonly symbol: InstrumentSymbol;
      /** Where the instrument's new orders go; `null` is back to the default venue. */
      readonly route: VenueRoute | null;
    };

/**
 * The venues the OMS has clients for, by their routing names, and how their contracts read: an
 * instrument may only route to a venue of its own contract type (as the OMS checks again).
 */
export const ROUTABLE_VENUES = {
  sim: 'linear',
  hyperliquid: 'linear',
  'binance-usdm': 'linear',
  lnmarkets: 'inverse',
} as const satisfies Readonly<Record<string, ContractType>>;
export type RoutableVenue = keyof typeof ROUTABLE_VENUES;

const isRoutable = (venue: string): venue is RoutableVenue => Object.hasOwn(ROUTABLE_VENUES, venue);

export function parseRouteCommand(
  positionals: readonly string[],
  toDefault: boolean,
): RouteCommand {
  const [verb, symbolText, target, ...rest] = positionals;
  if (verb === 'routes') {
    if (symbolText !== undefined) throw new UsageError(`unexpected argument '${symbolText}'`);
    if (toDefault) throw new UsageError('--default is for route <SYMBOL>');
    return { name: 'routes' };
  }
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
  if (symbolText === undefined)
    throw new UsageError('route needs a symbol and <venue>/<account>, or --default');
  const symbol = parseInstrumentSymbol(symbolText);
  if (!symbol.ok) throw new UsageError(`route: ${symbol.error.message}, not '${symbolText}'`);
  if (toDefault) {
    if (target !== undefined)
      throw new UsageError('route takes <venue>/<account> or --default, not both');
    return { name: 'route', symbol: symbol.value, route: null };
  }
  if (target === undefined)
    throw new UsageError('route needs <venue>/<account> (e.g. binance-usdm/main), or --default');
  return { name: 'route', symbol: symbol.value, route: parseTarget(target) };
}

/** `<venue>/<account>`, each by its identifier grammar, on a venue the OMS can route to. */
function parseTarget(target: string): VenueRoute {
  const parts = target.split('/');
  const [venueText, accountText] = parts;
  if (parts.length !== 2 || venueText === undefined || accountText === undefined)
    throw new UsageError(
      `route target must be <venue>/<account> (e.g. binance-usdm/main), not '${target}'`,
    );
  const venue = parseVenueName(venueText);
  if (!venue.ok) throw new UsageError(`route target: ${venue.error.message}, not '${venueText}'`);
  const venueAccount = parseVenueAccountName(accountText);
  if (!venueAccount.ok)
    throw new UsageError(`route target: ${venueAccount.error.message}, not '${accountText}'`);
  if (!isRoutable(venue.value))
    throw new UsageError(
      `unknown venue '${venue.value}' (${Object.keys(ROUTABLE_VENUES).join(', ')})`,
    );
  return { venue: venue.value, venueAccount: venueAccount.value };
}
