// The platform's apps as the local stack runs them: entry point, environment, when they are ready.
import { resolve } from 'node:path';
import { ENTRY_POINTS, LOCAL_AUDIENCE } from '@perp/local-stack';
import {
  GATEWAY_ORDER_RATE_OVERRIDES,
  MARKET_MAKER_STACK_SETTINGS,
  SEED_INSTRUMENTS,
  simVenueSymbols,
} from '@perp/demo-seed';
import {
  identityClientsFile,
  MARKET_MAKER_CLIENT_ID,
  MARKET_MAKER_SCOPE,
  type MachineClient,
} from './machine-client.ts';
import type { StackConfig } from './stack-config.ts';
import { httpReady, type ServiceSpec } from './supervisor.ts';

/** The apps listen on loopback only: nothing of the local stack is meant for the network. */
export const APP_HOST = '127.0.0.1';

// fauxqs and DynamoDB Local accept any credentials, but the OMS's AWS SDK will not sign a request
// without some, and must never pick up a developer's real ones for a local endpoint.
const LOCAL_AWS_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };

export interface AppEndpoints {
  readonly simVenue: string;
  /** The venue's private drop copy (what the OMS's venue connector reads). */
  readonly simVenueStream: string;
  readonly simVenueMarket: string;
  readonly oms: string;
  readonly identity: string;
  readonly gateway: string;
  readonly gatewayWs: string;
  readonly marketMaker: string;
  readonly notifier: string;
  readonly webChat: string;
  readonly marginCall: string;
}

export function appEndpoints(config: StackConfig): AppEndpoints {
  const venue = `${APP_HOST}:${config.SIM_VENUE_PORT}`;
  return {
    simVenue: `http://${venue}`,
    simVenueStream: `ws://${venue}/v1/stream`,
    simVenueMarket: `ws://${venue}/v1/market`,
    oms: `http://${APP_HOST}:${config.OMS_PORT}`,
    identity: `http://${APP_HOST}:${config.IDENTITY_PORT}`,
    gateway: `http://${APP_HOST}:${config.GATEWAY_PORT}`,
    gatewayWs: `ws://${APP_HOST}:${config.GATEWAY_PORT}/v1/ws`,
    marketMaker: `http://${APP_HOST}:${config.MARKET_MAKER_PORT}`,
    notifier: `http://${APP_HOST}:${config.NOTIFIER_PORT}`,
    webChat: `http://${APP_HOST}:${config.WEB_CHAT_PORT}`,
    marginCall: `http://${APP_HOST}:${config.MARGIN_CALL_PORT}`,
  };
}

/** What the apps serve, one line each, for the start-up banner. */
export function endpointLines(endpoints: AppEndpoints): string[] {
  return [
    `sim-venue HTTP     ${endpoints.simVenue} (/v1/instruments, /v1/markets/:symbol, /v1/orders)`,
    `sim-venue market   ${endpoints.simVenueMarket} (WebSocket: tickers, trades, books)`,
    `sim-venue private  ${endpoints.simVenueStream} (WebSocket: order events, read by the OMS)`,
    `sim-venue ops      ${endpoints.simVenue}/health /ready /metrics`,
    `OMS ops            ${endpoints.oms}/health /ready /metrics`,
    `identity (JWKS)    ${endpoints.identity}/.well-known/jwks.json (tokens: npm run -s token -- --account alice)`,
    `trader API         ${endpoints.gatewayWs} (JSON-RPC 2.0, docs/ws-api.md)`,
    `gateway ops        ${endpoints.gateway}/health /ready /metrics`,
  ];
}

/** The banner line of the market maker, when the stack runs one. */
export const marketMakerLine = (endpoints: AppEndpoints) =>
  `market maker ops   ${endpoints.marketMaker}/health /ready /metrics, POST /halt /resume`;

export function simVenueService(config: StackConfig, endpoints: AppEndpoints): ServiceSpec {
  return {
    name: 'sim-venue',
    entry: ENTRY_POINTS.simVenue,
    env: {
      SIM_VENUE_HOST: APP_HOST,
      SIM_VENUE_PORT: String(config.SIM_VENUE_PORT),
      // Absolute: the app runs in the workspace root, the stack wherever it was started.
      SIM_VENUE_DATA_DIR: resolve(config.STACK_DATA_DIR, 'sim-venue'),
      SIM_VENUE_SYMBOLS: simVenueSymbols(SEED_INSTRUMENTS),
    },
    ready: httpReady(`${endpoints.simVenue}/health`),
  };
}

/** What the OMS and the gateway both need: the backing services, Redis and the venue. */
function platformEnv(
  config: StackConfig,
  backing: { readonly sqsEndpoint: string; readonly dynamodbEndpoint: string },
  endpoints: AppEndpoints,
): Record<string, string> {
  return {
    AWS_REGION: config.AWS_REGION,
    ...LOCAL_AWS_CREDENTIALS,
    SQS_ENDPOINT: backing.sqsEndpoint,
    DYNAMODB_ENDPOINT: backing.dynamodbEndpoint,
    RESOURCE_PREFIX: config.RESOURCE_PREFIX ?? '',
    REDIS_URL: config.REDIS_URL,
    REDIS_KEY_PREFIX: config.REDIS_KEY_PREFIX,
    SIM_VENUE_URL: endpoints.simVenue,
  };
}

export function omsService(
  config: StackConfig,
  backing: { readonly sqsEndpoint: string; readonly dynamodbEndpoint: string },
  endpoints: AppEndpoints,
): ServiceSpec {
  return {
    name: 'oms',
    entry: ENTRY_POINTS.oms,
    env: {
      ...platformEnv(config, backing, endpoints),
      HTTP_HOST: APP_HOST,
      HTTP_PORT: String(config.OMS_PORT),
    },
    // /ready, not /health: it answers once Redis, DynamoDB and the queue consumer work.
    ready: httpReady(`${endpoints.oms}/ready`),
  };
}

/** The audience the local issuer stamps and the gateway requires (Cognito: the app client id). */

export function identityService(config: StackConfig, endpoints: AppEndpoints): ServiceSpec {
  return {
    name: 'identity',
    entry: ENTRY_POINTS.identity,
    env: {
      IDENTITY_HOST: APP_HOST,
      IDENTITY_PORT: String(config.IDENTITY_PORT),
      IDENTITY_ISSUER: endpoints.identity,
      IDENTITY_AUDIENCE: LOCAL_AUDIENCE,
      // The default folder, so `npm run token` signs with the key the gateway trusts.
      IDENTITY_DATA_DIR: resolve(config.STACK_DATA_DIR, 'identity'),
      // The market maker's machine client (client-credentials grant), written by the stack.
      IDENTITY_CLIENTS_FILE: identityClientsFile(resolve(config.STACK_DATA_DIR)),
    },
    ready: httpReady(`${endpoints.identity}/ready`),
  };
}

/** The local issuer's `/oauth2/token` (Cognito's path). */
export const tokenEndpoint = (endpoints: AppEndpoints) => `${endpoints.identity}/oauth2/token`;

/** Where the notifier's bot talks, and the internal API's secret the stack made up for this run. */
export interface NotifierWiring {
  readonly telegramApiRoot: string;
  readonly telegramBotToken: string;
  readonly databaseUrl: string;
  readonly apiToken: string;
}

export function notifierService(
  config: StackConfig,
  backing: { readonly sqsEndpoint: string; readonly dynamodbEndpoint: string },
  endpoints: AppEndpoints,
  wiring: NotifierWiring,
): ServiceSpec {
  return {
    name: 'notifier',
    entry: ENTRY_POINTS.notifier,
    env: {
      // The OMS's tables and the venue's marks, for /status and the rest.
      ...platformEnv(config, backing, endpoints),
      TELEGRAM_BOT_TOKEN: wiring.telegramBotToken,
      TELEGRAM_API_ROOT: wiring.telegramApiRoot,
      DATABASE_URL: wiring.databaseUrl,
      NOTIFIER_API_TOKEN: wiring.apiToken,
      NOTIFIER_HOST: APP_HOST,
      NOTIFIER_PORT: String(config.NOTIFIER_PORT),
    },
    ready: httpReady(`${endpoints.notifier}/ready`),
  };
}

/** The banner lines of the notifier, when the stack runs one. */
export function notifierLines(endpoints: AppEndpoints, telegram: string): string[] {
  return [
    `notifier ops       ${endpoints.notifier}/health /ready /metrics (internal API: POST /v1/notifications)`,
    `Telegram           ${telegram}`,
  ];
}

export function gatewayService(
  config: StackConfig,
  backing: { readonly sqsEndpoint: string; readonly dynamodbEndpoint: string },
  endpoints: AppEndpoints,
  notifier?: { readonly url: string; readonly apiToken: string },
): ServiceSpec {
  return {
    name: 'gateway',
    entry: ENTRY_POINTS.gateway,
    env: {
      ...platformEnv(config, backing, endpoints),
      GATEWAY_HOST: APP_HOST,
      GATEWAY_PORT: String(config.GATEWAY_PORT),
      AUTH_JWKS_URL: `${endpoints.identity}/.well-known/jwks.json`,
      AUTH_ISSUER: endpoints.identity,
      // The users' app client and the market maker's machine client, as in the user pool.
      AUTH_AUDIENCE: `${LOCAL_AUDIENCE},${MARKET_MAKER_CLIENT_ID}`,
      RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES: GATEWAY_ORDER_RATE_OVERRIDES,
      // telegram.link asks the notifier for codes.
      ...(notifier ? { NOTIFIER_URL: notifier.url, NOTIFIER_API_TOKEN: notifier.apiToken } : {}),
    },
    ready: httpReady(`${endpoints.gateway}/ready`),
  };
}

/** The market maker as the stack runs it: BTC-PERP and ETH-PERP on the ticker reference. */
export function marketMakerEnv(
  config: StackConfig,
  endpoints: AppEndpoints,
  client: MachineClient,
  port: number,
): Record<string, string> {
  return {
    MARKET_MAKER_GATEWAY_URL: endpoints.gatewayWs,
    MARKET_MAKER_TOKEN_URL: tokenEndpoint(endpoints),
    MARKET_MAKER_CLIENT_ID: client.clientId,
    MARKET_MAKER_CLIENT_SECRET: client.clientSecret,
    MARKET_MAKER_TOKEN_SCOPE: MARKET_MAKER_SCOPE,
    MARKET_MAKER_HOST: APP_HOST,
    MARKET_MAKER_PORT: String(port),
    MARKET_MAKER_SYMBOLS: SEED_INSTRUMENTS.map((i) => i.symbol).join(','),
    ...MARKET_MAKER_STACK_SETTINGS,
    REDIS_URL: config.REDIS_URL,
    REDIS_KEY_PREFIX: config.REDIS_KEY_PREFIX,
  };
}

export function marketMakerService(
  config: StackConfig,
  endpoints: AppEndpoints,
  client: MachineClient,
): ServiceSpec {
  return {
    name: 'market-maker',
    entry: ENTRY_POINTS.marketMaker,
    env: marketMakerEnv(config, endpoints, client, config.MARKET_MAKER_PORT),
    // Active (holding the lease and connected), not merely listening: its book follows at once.
    ready: async () => {
      const response = await fetch(`${endpoints.marketMaker}/health`, {
        signal: AbortSignal.timeout(2_000),
      });
      const health = (await response.json().catch(() => undefined)) as
        { readonly state?: unknown } | undefined;
      return response.ok && health?.state === 'active';
    },
  };
}

/** What the margin-call job reads on the local stack: the platform's stores, the notifier's API. */
export function marginCallEnv(
  config: StackConfig,
  backing: { readonly sqsEndpoint: string; readonly dynamodbEndpoint: string },
  endpoints: AppEndpoints,
  notifier: { readonly url: string; readonly apiToken: string },
): Record<string, string> {
  return {
    ...platformEnv(config, backing, endpoints),
    NOTIFIER_URL: notifier.url,
    NOTIFIER_API_TOKEN: notifier.apiToken,
    MARGIN_CALL_WARN_CRON: config.MARGIN_CALL_WARN_CRON,
    MARGIN_CALL_EXECUTE_CRON: config.MARGIN_CALL_EXECUTE_CRON,
    MARGIN_CALL_HOST: APP_HOST,
    MARGIN_CALL_PORT: String(config.MARGIN_CALL_PORT),
  };
}

export function marginCallService(
  config: StackConfig,
  backing: { readonly sqsEndpoint: string; readonly dynamodbEndpoint: string },
  endpoints: AppEndpoints,
  notifier: { readonly url: string; readonly apiToken: string },
): ServiceSpec {
  return {
    name: 'margin-call',
    entry: ENTRY_POINTS.marginCall,
    env: marginCallEnv(config, backing, endpoints, notifier),
    ready: httpReady(`${endpoints.marginCall}/ready`),
  };
}

/** The banner line of the margin-call scheduler. */
export const marginCallLine = (endpoints: AppEndpoints, config: StackConfig) =>
  `margin call        ${endpoints.marginCall}/health (warn "${config.MARGIN_CALL_WARN_CRON}", execute "${config.MARGIN_CALL_EXECUTE_CRON}" UTC; one pass: npm run -s margin-call -- [--execute])`;
