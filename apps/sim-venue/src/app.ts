import { Decimal } from '@perp/decimal';
import { createMetricsRegistry, registerOperationalRoutes } from '@perp/http';
import type { Logger } from '@perp/logger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Gauge } from 'prom-client';
import { IndexPriceFeed } from './index-price/index-price-feed.ts';
import { registerErrorHandlers } from './http/errors.ts';
import { registerMarketRoutes } from './http/market-routes.ts';
import { registerOrderRoutes } from './http/order-routes.ts';
import { DEFAULT_INSTRUMENTS, checkInstrument, type InstrumentSpecText } from './instruments.ts';
import { SimVenue } from './sim-venue.ts';
import { attachStreamServer } from './stream/stream-server.ts';
import { StreamHub } from './stream/stream-hub.ts';
import { TickerPublisher } from './stream/ticker-publisher.ts';

export interface SimVenueAppOptions {
  /** Where the journal lives. */
  readonly dataDir: string;
  readonly instruments?: readonly InstrumentSpecText[];
  readonly makerFeeRate?: string;
  readonly takerFeeRate?: string;
  /** Index walk: seed, largest relative move per step, step interval (0: only `index.step()`). */
  readonly seed?: number;
  readonly volatility?: string;
  readonly indexIntervalMs?: number;
  readonly eventBufferSize?: number;
  readonly heartbeatMs?: number;
  readonly tickerIntervalMs?: number;
  readonly logger: Logger;
  readonly clock?: () => number;
}

export interface SimVenueApp {
  /** Not listening yet; `close()` stops the timers, says goodbye to streams, closes the journal. */
  readonly http: FastifyInstance;
  readonly venue: SimVenue;
  readonly index: IndexPriceFeed;
  readonly hub: StreamHub;
}

/** Builds the simulated exchange (replaying its journal) without listening, for main.ts and tests. */
export async function buildSimVenue(options: SimVenueAppOptions): Promise<SimVenueApp> {
  const clock = options.clock ?? Date.now;
  const instruments = (options.instruments ?? DEFAULT_INSTRUMENTS).map(checkInstrument);
  const venue = await SimVenue.open({
    dataDir: options.dataDir,
    settings: {
      instruments: instruments.map(({ symbol, tickSize, lotSize }) => ({
        symbol,
        tickSize,
        lotSize,
      })),
      makerFeeRate: options.makerFeeRate ?? '0.0002',
      takerFeeRate: options.takerFeeRate ?? '0.0005',
    },
    eventBufferSize: options.eventBufferSize ?? 100_000,
    clock,
    logger: options.logger,
  });
  const index = new IndexPriceFeed({
    instruments,
    seed: options.seed ?? 1,
    volatility: Decimal.parse(options.volatility ?? '0.0002'),
    intervalMs: options.indexIntervalMs ?? 1_000,
  });
  const ticker: TickerPublisher = new TickerPublisher({
    venue,
    index,
    intervalMs: options.tickerIntervalMs ?? 100,
    clock,
    publish: (data) => hub.publishTicker(data),
  });
  const hub = new StreamHub({
    venue,
    ticker: (symbol) => ticker.current(symbol),
    heartbeatMs: options.heartbeatMs ?? 5_000,
    clock,
    logger: options.logger,
  });

  // Widened to fastify's logger type, as createServiceHttp does, so routes take a plain instance.
  const loggerInstance: FastifyBaseLogger = options.logger;
  const http: FastifyInstance = Fastify({
    loggerInstance,
    // Per-request logs would drown the journal replay and order flow; failures are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
  });
  const registry = createMetricsRegistry('sim-venue');
  new Gauge({
    name: 'sim_venue_stream_connections',
    help: 'Open WebSocket connections',
    registers: [registry],
    collect() {
      this.set(hub.connectionCount);
    },
  });
  new Gauge({
    name: 'sim_venue_last_event_seq',
    help: 'The last private event number',
    registers: [registry],
    collect() {
      this.set(venue.lastEventSeq);
    },
  });
  let closing = false;
  registerOperationalRoutes(http, {
    service: 'sim-venue',
    registry,
    isDraining: () => closing,
  });
  registerErrorHandlers(http);
  registerOrderRoutes(http, venue);
  registerMarketRoutes(http, venue, index, clock);
  attachStreamServer(http, hub);

  http.addHook('onReady', async () => {
    index.start();
    ticker.start();
    hub.start();
  });
  http.addHook('preClose', async () => {
    closing = true;
  });
  http.addHook('onClose', async () => {
    index.stop();
    ticker.stop();
    venue.close();
  });
  return { http, venue, index, hub };
}
