import { startNodeService, type NodeService } from '@perp/test-services';
import { ENTRY_POINTS, WORKSPACE_ROOT } from './entry-points.ts';
import { simVenueSymbols, type InstrumentSeed } from '@perp/demo-seed';

export interface SimVenueProcessOptions {
  /** What it lists (its SIM_VENUE_SYMBOLS). */
  readonly instruments: readonly InstrumentSeed[];
  /** Its journal: the same directory on a restart brings the books back. */
  readonly dataDir: string;
  /** Fixed port (a restart on the same one); a free one when omitted. */
  readonly port?: number;
}

/**
 * The sim-venue as a child process, as in production, with a still index (volatility 0, one step
 * an hour) so marks stay where a test put them.
 */
export function startSimVenueProcess(options: SimVenueProcessOptions): Promise<NodeService> {
  return startNodeService({
    ...(options.port === undefined ? {} : { port: options.port }),
    name: 'sim-venue',
    entry: ENTRY_POINTS.simVenue,
    portVariable: 'SIM_VENUE_PORT',
    readyPath: '/health',
    cwd: WORKSPACE_ROOT,
    env: {
      SIM_VENUE_HOST: '127.0.0.1',
      SIM_VENUE_DATA_DIR: options.dataDir,
      SIM_VENUE_SYMBOLS: simVenueSymbols(options.instruments),
      SIM_VENUE_VOLATILITY: '0',
      SIM_VENUE_INDEX_INTERVAL_MS: '3600000',
      LOG_LEVEL: 'warn',
    },
  });
}
