import type { ServiceDefinition } from './service-definition.ts';

/**
 * The paper-trading venue, reached by service discovery. It keeps its book in the task (a restart
 * starts a fresh book), which is what a paper venue may do; real venues are the accounts in
 * VENUE_ACCOUNTS.
 */
export const SIM_VENUE: ServiceDefinition = {
  name: 'sim-venue',
  app: 'sim-venue',
  launch: 'fargate',
  cpu: 512,
  memoryMiB: 1024,
  desiredCount: 1,
  maxCount: 1,
  singleton: true,
  exposure: 'service-discovery',
  listen: { host: 'SIM_VENUE_HOST', port: 'SIM_VENUE_PORT' },
  startPeriodSeconds: 20,
  stopTimeoutSeconds: 20,
  grants: [],
  environment: () => ({
    SIM_VENUE_DATA_DIR: '/tmp/sim-venue',
    SIM_VENUE_SYMBOLS: 'BTC-PERP,ETH-PERP',
    LOG_LEVEL: 'info',
  }),
  secrets: () => ({}),
};
