import { freePort, waitUntil } from '@perp/test-services';
import { ENTRY_POINTS } from './entry-points.ts';
import type { LocalStack } from './local-stack.ts';
import { startNodeProcess, type StartedProcess } from './node-process.ts';
import { GATEWAY_ORDER_RATE_OVERRIDES } from '@perp/demo-seed';

/** The audience the stack's issuer stamps on user tokens (tools/stack's identity service). */
export const LOCAL_AUDIENCE = 'perp-local';

export interface ExtraGateway {
  /** `ws://127.0.0.1:<port>/v1/ws` */
  readonly url: string;
  readonly port: number;
  readonly process: StartedProcess;
}

/**
 * One more ws-gateway against a running stack, its own process on its own port (or `port`, to
 * bring one back where it was), configured as the stack configures its own (tools/stack's
 * gatewayService): it can be stopped and started again without stopping the stack.
 */
export async function startExtraGateway(
  stack: LocalStack,
  options: { readonly env?: Readonly<Record<string, string>>; readonly port?: number } = {},
): Promise<ExtraGateway> {
  const port = options.port ?? (await freePort());
  const identity = stack.httpUrl('IDENTITY_PORT');
  const gateway = startNodeProcess(ENTRY_POINTS.gateway, {
    env: {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      SQS_ENDPOINT: stack.httpUrl('SQS_PORT'),
      DYNAMODB_ENDPOINT: stack.httpUrl('DYNAMODB_PORT'),
      RESOURCE_PREFIX: '',
      REDIS_URL: stack.redis.url,
      REDIS_KEY_PREFIX: stack.redis.keyPrefix,
      SIM_VENUE_URL: stack.httpUrl('SIM_VENUE_PORT'),
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      AUTH_JWKS_URL: `${identity}/.well-known/jwks.json`,
      AUTH_ISSUER: identity,
      AUTH_AUDIENCE: LOCAL_AUDIENCE,
      RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES: GATEWAY_ORDER_RATE_OVERRIDES,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
  });
  await waitUntil(
    () =>
      fetch(`http://127.0.0.1:${port}/ready`).then(
        (r) => r.ok,
        () => false,
      ),
    {
      timeoutMs: 30_000,
      intervalMs: 50,
      what: 'the extra gateway to be ready',
      abortIf: () =>
        gateway.child.exitCode === null
          ? undefined
          : new Error(`the gateway exited:\n${gateway.output()}`),
    },
  );
  return { url: `ws://127.0.0.1:${port}/v1/ws`, port, process: gateway };
}
