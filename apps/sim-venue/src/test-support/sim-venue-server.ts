import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@perp/logger';
import { buildSimVenue, type SimVenueApp, type SimVenueAppOptions } from '../app.ts';

export const silentLogger = createLogger({ service: 'sim-venue-test', level: 'silent' });

export interface RunningSimVenue {
  readonly app: SimVenueApp;
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** A fresh data directory under the OS temp dir; removed by `removeDataDir`. */
export function newDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'sim-venue-test-'));
}

export function removeDataDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/**
 * The real sim-venue on 127.0.0.1 (port 0 unless given, e.g. to restart on the same port), with
 * the index walk stepped only by hand so prices stay where tests put them.
 */
export async function startSimVenue(
  options: Partial<SimVenueAppOptions> & { readonly dataDir: string; readonly port?: number },
): Promise<RunningSimVenue> {
  const app = await buildSimVenue({
    logger: silentLogger,
    indexIntervalMs: 0,
    ...options,
  });
  await app.http.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const { port } = app.http.server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir: options.dataDir,
    close: () => app.http.close(),
  };
}
