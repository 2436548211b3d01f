import type { EnvironmentConfig, ServiceName } from '../config/environment.ts';
import { MARKET_MAKER } from './market-maker.ts';
import { NOTIFIER } from './notifier.ts';
import { OMS } from './oms.ts';
import type { ServiceDefinition } from './service-definition.ts';
import { SIM_VENUE } from './sim-venue.ts';
import { WS_GATEWAY } from './ws-gateway.ts';

export const SERVICES: Readonly<Record<ServiceName, ServiceDefinition>> = {
  oms: OMS,
  'ws-gateway': WS_GATEWAY,
  'market-maker': MARKET_MAKER,
  notifier: NOTIFIER,
  'sim-venue': SIM_VENUE,
};

/** A definition with the environment's sizing applied. */
export function serviceFor(name: ServiceName, environment: EnvironmentConfig): ServiceDefinition {
  const sizing = environment.services[name] ?? {};
  const definition = SERVICES[name];
  return {
    ...definition,
    ...sizing,
    // A singleton stays one task whatever an environment asks.
    ...(definition.singleton ? { desiredCount: 1, maxCount: 1 } : {}),
  };
}

export { notifierCommand } from './notifier.ts';
export {
  CONTAINER_PORT,
  type Exposure,
  type Grant,
  type SecretReference,
  type ServiceDefinition,
  type ServiceWiring,
} from './service-definition.ts';
