// One service definition made real: log group, task definition, container, ECS service, scaling,
// and the task role's grants. Every service of the platform goes through here.
import { Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { venueSecretsPrefix } from '@perp/resources';
import type { EnvironmentConfig } from '../config/environment.ts';
import {
  CONTAINER_PORT,
  type Grant,
  type SecretReference,
  type ServiceDefinition,
  type ServiceWiring,
} from '../services/index.ts';
import type { PlatformCluster } from './cluster.ts';

/** Slim images carry no curl: Node's fetch asks the app itself. */
export const HEALTH_CHECK_COMMAND = [
  'CMD',
  'node',
  '-e',
  `fetch('http://127.0.0.1:${CONTAINER_PORT}/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`,
];

/** Every Fargate task of the platform: Graviton, the images are built for arm64. */
export const FARGATE_PLATFORM: ecs.RuntimePlatform = {
  cpuArchitecture: ecs.CpuArchitecture.ARM64,
  operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
};

/** A definition's secret references as ECS injects them (read by the execution role at start). */
export function containerSecrets(
  references: Readonly<Record<string, SecretReference>>,
): Record<string, ecs.Secret> {
  return Object.fromEntries(
    Object.entries(references).map(([name, reference]) => [
      name,
      ecs.Secret.fromSecretsManager(reference.secret, reference.field),
    ]),
  );
}

export interface AppServiceProps {
  readonly environment: EnvironmentConfig;
  readonly definition: ServiceDefinition;
  readonly wiring: ServiceWiring;
  readonly platform: PlatformCluster;
  readonly imageTag: string;
  readonly tables: readonly dynamodb.ITableV2[];
  readonly queues: { readonly orders: sqs.IQueue };
}

export class AppService extends Construct {
  readonly service: ecs.BaseService;
  readonly taskDefinition: ecs.TaskDefinition;
  readonly container: ecs.ContainerDefinition;
  readonly definition: ServiceDefinition;

  constructor(scope: Construct, id: string, props: AppServiceProps) {
    super(scope, id);
    const { definition, environment, wiring, platform } = props;
    this.definition = definition;
    const prefix = `perp-${environment.name}-${definition.name}`;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/perp/${environment.name}/${definition.name}`,
      retention: environment.logRetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.taskDefinition =
      definition.launch === 'ec2'
        ? new ecs.Ec2TaskDefinition(this, 'Task', {
            family: prefix,
            networkMode: ecs.NetworkMode.AWS_VPC,
          })
        : new ecs.FargateTaskDefinition(this, 'Task', {
            family: prefix,
            cpu: definition.cpu,
            memoryLimitMiB: definition.memoryMiB,
            runtimePlatform: FARGATE_PLATFORM,
          });
    const repository = ecr.Repository.fromRepositoryName(
      this,
      'Repository',
      `perp/${definition.app}`,
    );
    this.container = this.taskDefinition.addContainer('App', {
      containerName: definition.name,
      image: ecs.ContainerImage.fromEcrRepository(repository, props.imageTag),
      cpu: definition.cpu,
      memoryLimitMiB: definition.memoryMiB,
      environment: {
        ...definition.environment(wiring),
        [definition.listen.host]: '0.0.0.0',
        [definition.listen.port]: String(CONTAINER_PORT),
      },
      secrets: containerSecrets(definition.secrets(wiring)),
      ...(definition.command ? { command: [...definition.command(wiring)] } : {}),
      portMappings: [{ containerPort: CONTAINER_PORT, name: 'http' }],
      healthCheck: {
        command: HEALTH_CHECK_COMMAND,
        interval: Duration.seconds(10),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(definition.startPeriodSeconds),
      },
      stopTimeout: Duration.seconds(definition.stopTimeoutSeconds),
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: definition.name,
        logGroup,
        mode: ecs.AwsLogDriverMode.NON_BLOCKING,
        maxBufferSize: Size.mebibytes(25),
      }),
    });
    this.grant(definition.grants, props);

    const desiredCount = environment.running ? definition.desiredCount : 0;
    const deployment = definition.singleton
      ? {
          minHealthyPercent: 0,
          maxHealthyPercent: 100,
          availabilityZoneRebalancing: ecs.AvailabilityZoneRebalancing.DISABLED,
        }
      : { minHealthyPercent: 100, maxHealthyPercent: 200 };
    const common = {
      serviceName: prefix,
      cluster: platform.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount,
      ...deployment,
      circuitBreaker: { enable: true, rollback: true },
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [platform.tasksSecurityGroup],
      enableExecuteCommand: true,
      ...(definition.exposure === 'service-discovery'
        ? { cloudMapOptions: { name: definition.name, cloudMapNamespace: platform.namespace } }
        : {}),
    };
    this.service =
      definition.launch === 'ec2'
        ? new ecs.Ec2Service(this, 'Service', {
            ...common,
            capacityProviderStrategies: [
              { capacityProvider: platform.omsCapacity.capacityProviderName, weight: 1 },
            ],
          })
        : new ecs.FargateService(this, 'Service', common);
    if (!definition.singleton && definition.maxCount > definition.desiredCount) {
      const scaling = this.service.autoScaleTaskCount({
        minCapacity: desiredCount,
        maxCapacity: environment.running ? definition.maxCount : 0,
      });
      scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
    }
  }

  private grant(grants: readonly Grant[], props: AppServiceProps): void {
    const role = this.taskDefinition.taskRole;
    for (const grant of grants) {
      if (grant === 'tables:read') for (const table of props.tables) table.grantReadData(role);
      if (grant === 'tables:write') for (const table of props.tables) table.grantWriteData(role);
      if (grant === 'queue:send') props.queues.orders.grantSendMessages(role);
      if (grant === 'queue:consume') props.queues.orders.grantConsumeMessages(role);
      if (grant === 'venue-keys:read') {
        const stack = Stack.of(this);
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
            // The trailing * is Secrets Manager's random suffix and the venue/account segments.
            resources: [
              `arn:${stack.partition}:secretsmanager:${stack.region}:${stack.account}:secret:${venueSecretsPrefix(props.environment.name)}*`,
            ],
          }),
        );
      }
    }
  }
}
