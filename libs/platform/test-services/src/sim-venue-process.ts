import { join, resolve } from 'node:path';
import { startNodeService, type NodeService } from './node-service.ts';

const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../../..');

export interface SimVenueProcessOptions {
  /** `SYMBOL:TICK:LOT:START,…`, as the sim-venue's SIM_VENUE_SYMBOLS. */
  readonly symbols: string;
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
    entry: join(WORKSPACE_ROOT, 'apps/sim-venue/src/main.ts'),
    portVariable: 'SIM_VENUE_PORT',
    readyPath: '/health',
    cwd: WORKSPACE_ROOT,
    env: {
      SIM_VENUE_HOST: '127.0.0.1',
      SIM_VENUE_DATA_DIR: options.dataDir,
      SIM_VENUE_SYMBOLS: options.symbols,
      SIM_VENUE_VOLATILITY: '0',
      SIM_VENUE_INDEX_INTERVAL_MS: '3600000',
      LOG_LEVEL: 'warn',
    },
  });
}
