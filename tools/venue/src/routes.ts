// `routes` and `route`: where each instrument's new orders go, in the config table the OMS reads.
// Orders already placed keep the route stored on them; only new orders follow a change.
import {
  DEFAULT_VENUE_ROUTE,
  routeKey,
  type InstrumentSymbol,
  type VenueRoute,
} from '@perp/trading-domain';
import type { ConfigStore } from '@perp/trading-store';
import type { CheckResult } from './check.ts';
import { openConfigTable } from './config-table.ts';
import { ROUTABLE_VENUES, type RouteCommand } from './route-args.ts';

const DEFAULT = routeKey(DEFAULT_VENUE_ROUTE);

/** How soon the OMS follows a change (its instrument cache's time to live). */
const OMS_READS = 'the OMS reads routes every 5 s';

export async function runRoutes(
  command: RouteCommand,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<CheckResult> {
  let table;
  try {
    table = openConfigTable(env);
  } catch (error) {
    return { passed: false, lines: [`${command.name} failed: ${(error as Error).message}`] };
  }
  try {
    const { config } = table;
    if (command.name === 'routes') return { passed: true, lines: await listed(config) };
    if (command.route === null) return { passed: true, lines: await reset(config, command.symbol) };
    return await set(config, command.symbol, command.route);
  } catch (error) {
    return {
      passed: false,
      lines: [`${command.name} failed: config table ${table.table}: ${(error as Error).message}`],
    };
  } finally {
    table.close();
  }
}

async function listed(config: ConfigStore): Promise<string[]> {
  const routes = (await config.listRoutes()).sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  return [
    ...routes.map((route) => `${route.symbol} -> ${routeKey(route)}`),
    `(every ${routes.length === 0 ? '' : 'other '}instrument -> ${DEFAULT})`,
  ];
}

const changed = (symbol: InstrumentSymbol, to: string) => [
  `${symbol} -> ${to} (new orders; open orders keep theirs)`,
  `(${OMS_READS})`,
];

async function set(
  config: ConfigStore,
  symbol: InstrumentSymbol,
  route: VenueRoute,
): Promise<CheckResult> {
  const listed = await config.listInstruments();
  const instrument = listed.find((i) => i.symbol === symbol);
  if (instrument === undefined)
    return {
      passed: false,
      lines: [
        `route failed: ${symbol} is not a listed instrument (listed: ${
          listed
            .map((i) => i.symbol)
            .sort()
            .join(', ') || 'none'
        })`,
      ],
    };
  const trades = ROUTABLE_VENUES[route.venue as keyof typeof ROUTABLE_VENUES];
  if (trades !== instrument.contractType)
    return {
      passed: false,
      lines: [
        `route failed: ${symbol} is ${instrument.contractType} and ${route.venue} trades ${trades} contracts: its orders would be mis-sized`,
      ],
    };
  await config.putRoute({ symbol, ...route });
  return { passed: true, lines: changed(symbol, routeKey(route)) };
}

/** Not checked against the listing: a delisted instrument's route may be removed too. */
async function reset(config: ConfigStore, symbol: InstrumentSymbol): Promise<string[]> {
  const had = (await config.listRoutes()).some((route) => route.symbol === symbol);
  if (!had) return [`${symbol} has no route set: its new orders go to ${DEFAULT}`];
  await config.deleteRoute(symbol);
  return changed(symbol, DEFAULT);
}
