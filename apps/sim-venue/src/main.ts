// The simulated exchange: REST orders, a WebSocket drop copy and market data, a journal on disk.
import { createLogger } from '@perp/logger';
import { GracefulShutdown, onFatal } from '@perp/shutdown';
import { buildSimVenue } from './app.ts';
import { readSimVenueConfig } from './config.ts';

const config = readSimVenueConfig();
const logger = createLogger({ service: 'sim-venue', level: config.LOG_LEVEL });
const shutdown = new GracefulShutdown({ logger });
onFatal(shutdown, logger);

let app: Awaited<ReturnType<typeof buildSimVenue>>;
try {
  app = await buildSimVenue({
    dataDir: config.SIM_VENUE_DATA_DIR,
    instruments: config.SIM_VENUE_SYMBOLS,
    makerFeeRate: config.SIM_VENUE_MAKER_FEE_RATE,
    takerFeeRate: config.SIM_VENUE_TAKER_FEE_RATE,
    seed: config.SIM_VENUE_SEED,
    volatility: config.SIM_VENUE_VOLATILITY,
    indexIntervalMs: config.SIM_VENUE_INDEX_INTERVAL_MS,
    eventBufferSize: config.SIM_VENUE_EVENT_BUFFER,
    heartbeatMs: config.SIM_VENUE_HEARTBEAT_MS,
    logger,
  });
} catch (error) {
  logger.fatal({ err: error, dataDir: config.SIM_VENUE_DATA_DIR }, 'sim-venue could not start');
  process.exit(1);
}

shutdown.register('http', () => app.http.close()).listen();

await app.http.listen({ host: config.SIM_VENUE_HOST, port: config.SIM_VENUE_PORT });
const bound = app.http.server.address();
logger.info(
  {
    host: config.SIM_VENUE_HOST,
    port: typeof bound === 'object' && bound !== null ? bound.port : config.SIM_VENUE_PORT,
    dataDir: config.SIM_VENUE_DATA_DIR,
    journalId: app.venue.journalId,
    lastEventSeq: app.venue.lastEventSeq,
    symbols: app.venue.symbols,
  },
  'sim-venue listening',
);
