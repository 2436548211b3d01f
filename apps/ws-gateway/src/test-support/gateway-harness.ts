import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { parseCommandEnvelope, type CommandEnvelope } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import {
  commitSeed,
  startBackingServices,
  type BackingServices,
  type SeedChange,
} from '@perp/local-stack';
import type { NodeService } from '@perp/test-services';
import type { AccountId } from '@perp/trading-domain';
import { buildGateway, type Gateway, type GatewayDependencies } from '../app.ts';
import { createJwtVerifier } from '@perp/auth';
import { SimMarketData } from '@perp/account-views';
import { startTokenIssuer, type TokenClaims, type TokenIssuer } from './token-issuer.ts';
import { RpcSocket, UpgradeRefused, type RpcSocketOptions } from '@perp/trader-client';

/** A socket of the trader client that keeps every frame, so a test can look back at them. */
export function openSocket(url: string, options: RpcSocketOptions = {}): Promise<RpcSocket> {
  return RpcSocket.open(url, { recordFrames: true, ...options });
}

/** How the gateway refused an upgrade; throws if it let the socket in. */
export async function upgradeRefusal(
  url: string,
  options: RpcSocketOptions = {},
): Promise<UpgradeRefused> {
  let client: RpcSocket;
  try {
    client = await openSocket(url, options);
  } catch (error) {
    if (error instanceof UpgradeRefused) return error;
    throw error;
  }
  await client.close();
  throw new Error(`the upgrade to ${url} was let in`);
}

export interface RunningGateway {
  readonly gateway: Gateway;
  /** `ws://127.0.0.1:<port>/v1/ws` */
  readonly url: string;
  readonly httpUrl: string;
}

/** The backing services (queues, tables, Redis, sim-venue), a token issuer, and gateways on them. */
export interface GatewayHarness extends Pick<
  BackingServices,
  | 'prefix'
  | 'sqs'
  | 'sqsClient'
  | 'dynamo'
  | 'dynamoClient'
  | 'redis'
  | 'queueUrl'
  | 'simVenue'
  | 'store'
  | 'config'
  | 'logger'
> {
  readonly issuer: TokenIssuer;
  /** A gateway in this process, wired as main.ts wires it (overrides for a test's needs). */
  /** `port`: 0 (default) for a free one; a stopped gateway's port to restart it in place. */
  startGateway(overrides?: Partial<GatewayDependencies>, port?: number): Promise<RunningGateway>;
  /** The gateway as its own process (main.ts). */
  startGatewayProcess(env?: Record<string, string>): Promise<NodeService>;
  token(claims: TokenClaims): Promise<string>;
  /** A socket logged in at the upgrade as `accountId` with `roles`. */
  connect(url: string, accountId: string, roles?: readonly string[]): Promise<RpcSocket>;
  /** Creates the account's balance in the trading table, as the OMS would. */
  createAccount(accountId: string, collateral?: string): Promise<void>;
  /** Writes one change to the trading table through the store, as the OMS would. */
  commit(change: SeedChange): Promise<void>;
  /** Takes every command waiting in orders.fifo (received, deleted), parsed with the contract. */
  takeCommands(waitMs?: number): Promise<ReceivedCommand[]>;
  dispose(): Promise<void>;
}

export interface ReceivedCommand {
  readonly command: CommandEnvelope;
  readonly groupId: string | undefined;
  readonly deduplicationId: string | undefined;
}

export async function startGatewayHarness(): Promise<GatewayHarness> {
  const [services, issuer] = await Promise.all([
    startBackingServices({
      name: 'gateway-test',
      logLevel: process.env['GATEWAY_TEST_LOG_LEVEL'] ?? 'silent',
    }),
    startTokenIssuer(),
  ]);
  const { prefix, sqs, sqsClient, dynamo, dynamoClient, redis, queueUrl, store, config, logger } =
    services;
  const simVenue = services.simVenue;
  const running: Gateway[] = [];

  const harness: GatewayHarness = {
    prefix,
    sqs,
    sqsClient,
    dynamo,
    dynamoClient,
    redis,
    queueUrl,
    simVenue,
    issuer,
    store,
    config,
    logger,
    async startGateway(overrides = {}, port = 0) {
      const gateway = buildGateway({
        sqs: sqsClient,
        dynamodb: dynamoClient,
        redis: await redis.newClient(),
        redisSubscriber: await redis.newClient(),
        marketDataUrl: simVenue.url,
        verifier: createJwtVerifier({
          jwksUrl: issuer.jwksUrl,
          issuer: issuer.issuer,
          audience: issuer.audience,
        }),
        market: new SimMarketData({ baseUrl: simVenue.url, timeoutMs: 2_000 }),
        logger,
        ordersQueueUrl: queueUrl,
        tablePrefix: prefix,
        redisPrefix: redis.keyPrefix,
        validateResults: true,
        ...overrides,
      });
      running.push(gateway);
      const url = await gateway.listen({ host: '127.0.0.1', port });
      return { gateway, url, httpUrl: url.replace(/^ws:/, 'http:').replace(/\/v1\/ws$/, '') };
    },
    startGatewayProcess(env = {}) {
      return services.startProcess('gateway', {
        portVariable: 'GATEWAY_PORT',
        env: {
          AUTH_JWKS_URL: issuer.jwksUrl,
          AUTH_ISSUER: issuer.issuer,
          AUTH_AUDIENCE: issuer.audience,
          GATEWAY_HOST: '127.0.0.1',
          ...env,
        },
      });
    },
    token: (claims) => issuer.sign(claims),
    async connect(url, accountId, roles = ['trader']) {
      const token = await issuer.sign({ sub: `user-${accountId}`, accountId, roles });
      return openSocket(url, { token });
    },
    async createAccount(accountId, collateral = '100000') {
      const now = Date.now();
      await harness.commit({
        accountId: accountId as AccountId,
        balance: {
          value: {
            accountId: accountId as AccountId,
            collateral: Decimal.parse(collateral),
            seq: 0,
            createdAt: now,
            updatedAt: now,
          },
          expectedVersion: null,
        },
      });
    },
    commit: (change) => commitSeed(store, change),
    async takeCommands(waitMs = 300) {
      const taken: ReceivedCommand[] = [];
      const deadline = Date.now() + waitMs;
      for (;;) {
        const received = await sqsClient.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 0,
            MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId'],
          }),
        );
        const messages = received.Messages ?? [];
        for (const message of messages) {
          taken.push({
            command: parseCommandEnvelope(JSON.parse(message.Body ?? '')),
            groupId: message.Attributes?.['MessageGroupId'],
            deduplicationId: message.Attributes?.['MessageDeduplicationId'],
          });
          await sqsClient.send(
            new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
          );
        }
        if (messages.length === 0) {
          if (Date.now() >= deadline) return taken;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    },
    async dispose() {
      await Promise.allSettled(running.map((gateway) => gateway.stop()));
      await Promise.allSettled([services.dispose(), issuer.stop()]);
    },
  };
  return harness;
}
