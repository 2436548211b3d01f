import type { ServiceDefinition } from './service-definition.ts';
import { backingEnvironment } from './service-definition.ts';

/** On EC2 hosts behind the NAT gateways: the venues see the environment's whitelisted IPs. */
export const OMS: ServiceDefinition = {
  name: 'oms',
  app: 'oms',
  launch: 'ec2',
  cpu: 1024,
  memoryMiB: 1536,
  desiredCount: 1,
  maxCount: 2,
  singleton: false,
  exposure: 'none',
  listen: { host: 'HTTP_HOST', port: 'HTTP_PORT' },
  startPeriodSeconds: 60,
  stopTimeoutSeconds: 60,
  grants: ['tables:read', 'tables:write', 'queue:consume', 'queue:send', 'venue-keys:read'],
  environment: (wiring) => ({
    ...backingEnvironment(wiring),
    SIM_VENUE_URL: wiring.simVenueUrl,
    VENUE_ACCOUNTS: wiring.environment.venueAccounts,
    VENUE_SECRETS_ENVIRONMENT: wiring.environment.name,
  }),
  secrets: () => ({}),
};
