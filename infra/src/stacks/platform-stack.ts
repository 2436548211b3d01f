// One environment's platform: composes the constructs. Stateful parts keep stable construct ids
// (a changed logical id replaces the resource and its data).
import type { CfnElement } from 'aws-cdk-lib';
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { EnvironmentConfig, ServiceName } from '../config/environment.ts';
import { AppService, FARGATE_PLATFORM, containerSecrets } from '../constructs/app-service.ts';
import { PlatformCluster } from '../constructs/cluster.ts';
import { Identity } from '../constructs/identity.ts';
import { DatabasePower } from '../constructs/database-power.ts';
import { MarginCall } from '../constructs/margin-call.ts';
import { Monitoring } from '../constructs/monitoring.ts';
import { Network } from '../constructs/network.ts';
import { NotifierDatabase } from '../constructs/notifier-database.ts';
import { PlatformSecrets } from '../constructs/platform-secrets.ts';
import { OrderQueues } from '../constructs/queues.ts';
import { Redis } from '../constructs/redis.ts';
import { ServiceLoadBalancer } from '../constructs/service-load-balancer.ts';
import { Tables } from '../constructs/tables.ts';
import { acknowledgeGeneratedArns } from '../nag-acknowledgements.ts';
import {
  CONTAINER_PORT,
  notifierCommand,
  serviceFor,
  type ServiceWiring,
} from '../services/index.ts';

/** The tag of an image never published (synth without a deploy's tags). */
export const UNPUBLISHED_TAG = 'unpublished';

export interface PlatformStackProps extends StackProps {
  readonly environment: EnvironmentConfig;
  /** The image tag per app (`perp/<app>:<tag>`), as the deploy pipeline passes them. */
  readonly imageTags: Readonly<Partial<Record<string, string>>>;
  /** The bundled margin-call code (see margin-call-bundle.ts). */
  readonly marginCallCode: string;
}

export class PlatformStack extends Stack {
  readonly services: Readonly<Record<ServiceName, AppService>>;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { environment } = props;
    const prefix = `perp-${environment.name}-`;
    const tag = (app: string) => props.imageTags[app] ?? UNPUBLISHED_TAG;

    const network = new Network(this, 'Network', environment);
    const { vpc } = network;
    const platform = new PlatformCluster(this, 'Compute', { environment, vpc });
    const clients = platform.tasksSecurityGroup;
    const queues = new OrderQueues(this, 'Queues', prefix);
    const tables = new Tables(this, 'Tables', environment, prefix);
    const redis = new Redis(this, 'Redis', { environment, vpc, clients });
    const database = new NotifierDatabase(this, 'NotifierDatabase', { environment, vpc, clients });
    new DatabasePower(this, 'NotifierDatabasePower', { environment, instance: database.instance });
    const identity = new Identity(this, 'Identity', environment);
    const secrets = new PlatformSecrets(this, 'Secrets', {
      environment,
      marketMakerClient: identity.marketMakerClient,
    });
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: environment.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    // The load balancers are created first so their addresses can be wired into the services;
    // their targets are attached once the services exist.
    const databaseSecret = database.instance.secret;
    if (!databaseSecret) throw new Error('the notifier database has no generated secret');
    const wiringFor = (gatewayWebSocketUrl: string, notifierUrl: string): ServiceWiring => ({
      environment,
      resourcePrefix: prefix,
      redisUrl: redis.url,
      simVenueUrl: `http://sim-venue.${platform.namespace.namespaceName}:${CONTAINER_PORT}`,
      notifierUrl,
      gatewayWebSocketUrl,
      auth: {
        issuer: identity.issuer,
        jwksUrl: identity.jwksUrl,
        traderClientId: identity.traderClient.userPoolClientId,
        marketMakerClientId: identity.marketMakerClient.userPoolClientId,
        tokenUrl: identity.tokenUrl,
      },
      database: {
        host: database.instance.dbInstanceEndpointAddress,
        port: database.instance.dbInstanceEndpointPort,
        name: database.databaseName,
      },
      secrets: {
        notifierApiToken: secrets.notifierApiToken,
        telegramBotToken: secrets.telegramBotToken,
        database: databaseSecret,
        marketMakerClientSecret: secrets.marketMakerClientSecret,
      },
    });

    const make = (name: ServiceName, wiring: ServiceWiring) => {
      const definition = serviceFor(name, environment);
      return new AppService(this, name, {
        environment,
        definition,
        wiring,
        platform,
        imageTag: tag(definition.app),
        tables: Object.values(tables.tables),
        queues,
      });
    };

    // The notifier and the gateway do not need each other's addresses: build them first.
    const base = wiringFor('', '');
    const simVenue = make('sim-venue', base);
    const notifier = make('notifier', base);
    const notifierBalancer = new ServiceLoadBalancer(this, 'NotifierApi', {
      environment,
      vpc,
      service: notifier.service,
      containerName: 'notifier',
      internetFacing: false,
      idleTimeout: Duration.seconds(60),
      deregistrationDelay: Duration.seconds(15),
      clients,
      accessLogs,
    });
    const withNotifier = wiringFor('', notifierBalancer.url);
    const gateway = make('ws-gateway', withNotifier);
    const gatewayBalancer = new ServiceLoadBalancer(this, 'Gateway', {
      environment,
      vpc,
      service: gateway.service,
      containerName: 'ws-gateway',
      internetFacing: true,
      // WebSocket idle timeout well above PING_INTERVAL_MS (20 s): pings keep sockets alive.
      idleTimeout: Duration.seconds(120),
      deregistrationDelay: Duration.seconds(15),
      accessLogs,
    });
    const wiring = wiringFor(`${gatewayBalancer.url}/v1/ws`, notifierBalancer.url);
    const oms = make('oms', wiring);
    const marketMaker = make('market-maker', wiring);
    this.services = {
      oms,
      'ws-gateway': gateway,
      'market-maker': marketMaker,
      notifier,
      'sim-venue': simVenue,
    };

    // Migrations: a one-off task (`aws ecs run-task`, docs/operations/deploy-and-rollback.md).
    const migrate = new ecs.FargateTaskDefinition(this, 'NotifierMigrate', {
      family: `${prefix}notifier-migrate`,
      cpu: 256,
      memoryLimitMiB: 512,
      runtimePlatform: FARGATE_PLATFORM,
    });
    const notifierDefinition = serviceFor('notifier', environment);
    migrate.addContainer('Migrate', {
      containerName: 'notifier-migrate',
      image: ecs.ContainerImage.fromEcrRepository(
        ecr.Repository.fromRepositoryName(this, 'NotifierRepository', 'perp/notifier'),
        tag('notifier'),
      ),
      environment: notifierDefinition.environment(wiring),
      secrets: containerSecrets(
        Object.fromEntries(
          Object.entries(notifierDefinition.secrets(wiring)).filter(([name]) =>
            name.startsWith('DATABASE_'),
          ),
        ),
      ),
      command: notifierCommand('apps/notifier/src/migrate.ts'),
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'notifier-migrate',
        logGroup: new logs.LogGroup(this, 'NotifierMigrateLogs', {
          logGroupName: `/perp/${environment.name}/notifier-migrate`,
          retention: environment.logRetentionDays,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
      }),
    });

    const marginCall = new MarginCall(this, 'MarginCall', {
      environment,
      vpc,
      securityGroup: clients,
      codeDirectory: props.marginCallCode,
      environmentVariables: {
        AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
        RESOURCE_PREFIX: prefix,
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: 'perp:',
        SIM_VENUE_URL: wiring.simVenueUrl,
        NOTIFIER_URL: notifierBalancer.url,
        LOG_LEVEL: 'info',
      },
      notifierApiToken: secrets.notifierApiToken,
    });
    for (const table of Object.values(tables.tables)) table.grantReadData(marginCall.function);
    queues.orders.grantSendMessages(marginCall.function);
    const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
      this.getLogicalId(construct.node.defaultChild as CfnElement);
    acknowledgeGeneratedArns(this, {
      tableLogicalIds: Object.values(tables.tables).map(logicalId),
      functionLogicalId: logicalId(marginCall.function),
    });

    new Monitoring(this, 'Monitoring', {
      environment,
      clusterName: platform.cluster.clusterName,
      services: Object.values(this.services),
      targetGroups: {
        gateway: gatewayBalancer.targetGroup,
        'notifier-api': notifierBalancer.targetGroup,
      },
      publicLoadBalancer: gatewayBalancer.loadBalancer,
      queues,
      tables: Object.values(tables.tables),
      marginCall: marginCall.function,
      redis: redis.replicationGroup,
      database: database.instance,
    });
  }
}
