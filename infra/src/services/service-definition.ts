// A service as typed data: what its container needs, how it is deployed and reached, what it may
// touch. The stacks read these; adding a service is adding one definition to services/index.ts.
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { EnvironmentConfig, ServiceName } from '../config/environment.ts';

/** Every app container listens here (the image sets each app's HOST/PORT variables to it). */
export const CONTAINER_PORT = 8080;

/** What a task role is granted: exactly these, on exactly the platform's resources. */
export type Grant =
  'tables:read' | 'tables:write' | 'queue:send' | 'queue:consume' | 'venue-keys:read';

/** How other parties reach the service. */
export type Exposure =
  'public-load-balancer' | 'internal-load-balancer' | 'service-discovery' | 'none';

/** What the platform stack resolves for the definitions: addresses, names and secrets. */
export interface ServiceWiring {
  readonly environment: EnvironmentConfig;
  /** Prepended to queue and table names (RESOURCE_PREFIX). */
  readonly resourcePrefix: string;
  readonly redisUrl: string;
  readonly simVenueUrl: string;
  readonly notifierUrl: string;
  readonly gatewayWebSocketUrl: string;
  readonly auth: {
    readonly issuer: string;
    readonly jwksUrl: string;
    readonly traderClientId: string;
    readonly marketMakerClientId: string;
    readonly tokenUrl: string;
  };
  readonly database: { readonly host: string; readonly port: string; readonly name: string };
  readonly secrets: {
    readonly notifierApiToken: ISecret;
    readonly telegramBotToken: ISecret;
    readonly database: ISecret;
    readonly marketMakerClientSecret: ISecret;
  };
}

export interface SecretReference {
  readonly secret: ISecret;
  /** A JSON field of the secret; the whole value when absent. */
  readonly field?: string;
}

export interface ServiceDefinition {
  readonly name: ServiceName;
  /** The image (`perp/<app>`) and the folder under apps/. */
  readonly app: string;
  readonly launch: 'ec2' | 'fargate';
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly desiredCount: number;
  readonly maxCount: number;
  /**
   * One task at most, ever: the old task stops before the new one starts. The app's Redis lease
   * is the real guard; this keeps deploys from making two contenders.
   */
  readonly singleton: boolean;
  readonly exposure: Exposure;
  /** The app's own HOST and PORT variable names. */
  readonly listen: { readonly host: string; readonly port: string };
  /** Time a new task gets before its health counts (JIT warm-up, first connections). */
  readonly startPeriodSeconds: number;
  /** SIGTERM to SIGKILL: the app's drain budget (Fargate allows at most 120 s). */
  readonly stopTimeoutSeconds: number;
  readonly grants: readonly Grant[];
  readonly environment: (wiring: ServiceWiring) => Readonly<Record<string, string>>;
  readonly secrets: (wiring: ServiceWiring) => Readonly<Record<string, SecretReference>>;
  /** Overrides the image's command (the notifier composes its database URL first). */
  readonly command?: (wiring: ServiceWiring) => readonly string[];
}

/** What every service on the platform's queues, tables and Redis reads (BACKING_SERVICES_ENV). */
export function backingEnvironment(wiring: ServiceWiring): Record<string, string> {
  return {
    AWS_REGION: wiring.environment.region,
    RESOURCE_PREFIX: wiring.resourcePrefix,
    REDIS_URL: wiring.redisUrl,
    REDIS_KEY_PREFIX: 'perp:',
    LOG_LEVEL: 'info',
  };
}
