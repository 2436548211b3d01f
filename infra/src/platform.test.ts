// The platform's invariants per environment, read off the synthesised templates.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { cdkJsonContext } from './cdk-context.ts';
import { ENVIRONMENTS, ENVIRONMENT_NAMES } from './config/environments.ts';
import { bundleMarginCall } from './margin-call-bundle.ts';
import { QUEUES, TABLES } from '@perp/resources';

// Asset hashes change with every source edit; the invariants above guard what they stand for.
const ASSET_HASH = /[0-9a-f]{64}/g;
expect.addSnapshotSerializer({
  test: (value: unknown) => typeof value === 'string' && ASSET_HASH.test(value),
  serialize: (value: string) => JSON.stringify(value.replace(ASSET_HASH, '<asset-hash>')),
});

let code: string;
let built: ReturnType<typeof buildApp>;
const templates: Record<string, Template> = {};
const bootstrapTemplates: Record<string, Template> = {};

beforeAll(() => {
  code = bundleMarginCall(mkdtempSync(join(tmpdir(), 'perp-margin-call-')));
  built = buildApp({
    app: new App({ context: cdkJsonContext() }),
    marginCallCode: code,
    imageTags: { oms: 'abc123', 'ws-gateway': 'abc123' },
  });
  for (const name of ENVIRONMENT_NAMES) {
    templates[name] = Template.fromStack(present(built.platforms[name], name));
    bootstrapTemplates[name] = Template.fromStack(present(built.bootstraps[name], name));
  }
}, 120_000);

function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} was not built`);
  return value;
}

const resourcesOf = (template: Template, type: string) =>
  Object.values(template.findResources(type)) as { Properties: Record<string, unknown> }[];

/** A value CloudFormation assembles with Fn::Join, as text with each reference as "<ref>". */
function joinedText(value: unknown): string {
  if (typeof value === 'string') return value;
  const [, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return parts.map((part) => (typeof part === 'string' ? part : '<ref>')).join('');
}
const parsedJoin = (value: unknown): unknown => JSON.parse(joinedText(value));

describe.each(ENVIRONMENT_NAMES)('the %s platform', (name) => {
  const config = ENVIRONMENTS[name];
  const template = () => present(templates[name], name);

  it('puts its NAT gateways on the configured Elastic IPs and creates none', () => {
    template().resourceCountIs('AWS::EC2::EIP', 0);
    template().resourceCountIs('AWS::EC2::NatGateway', config.natGateways);
    for (const allocation of config.eipAllocationIds.slice(0, config.natGateways))
      template().resourcePropertiesCountIs('AWS::EC2::NatGateway', { AllocationId: allocation }, 1);
  });

  it('spans two AZs with public, app and isolated subnets and gateway endpoints', () => {
    template().resourceCountIs('AWS::EC2::Subnet', 6);
    template().hasResourceProperties('AWS::EC2::VPC', { CidrBlock: config.vpcCidr });
    template().resourceCountIs('AWS::EC2::VPCEndpoint', 2);
    template().hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' });
  });

  it('runs the OMS on the EC2 capacity provider in awsvpc mode', () => {
    const oms = resourcesOf(template(), 'AWS::ECS::Service').find(
      (service) => service.Properties['ServiceName'] === `perp-${name}-oms`,
    );
    expect(oms?.Properties['LaunchType']).toBeUndefined();
    expect(oms?.Properties['CapacityProviderStrategy']).toEqual([
      expect.objectContaining({ Weight: 1 }),
    ]);
    template().hasResourceProperties('AWS::ECS::TaskDefinition', {
      Family: `perp-${name}-oms`,
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['EC2'],
    });
    template().hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MinSize: '1',
      MaxSize: String(config.omsHosts.maxCount),
    });
  });

  it('deploys the market maker, the notifier and the paper venue as singletons', () => {
    for (const singleton of ['market-maker', 'notifier', 'sim-venue'])
      template().hasResourceProperties('AWS::ECS::Service', {
        ServiceName: `perp-${name}-${singleton}`,
        DesiredCount: 1,
        LaunchType: 'FARGATE',
        AvailabilityZoneRebalancing: 'DISABLED',
        DeploymentConfiguration: {
          MaximumPercent: 100,
          MinimumHealthyPercent: 0,
          DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        },
      });
  });

  it('serves the gateway behind an internet-facing ALB whose idle timeout outlasts the ping', () => {
    template().hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'idle_timeout.timeout_seconds', Value: '120' },
      ]),
    });
    template().hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
    });
    template().hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/ready',
      TargetGroupAttributes: Match.arrayWith([
        { Key: 'deregistration_delay.timeout_seconds', Value: '15' },
      ]),
    });
    const gateway = resourcesOf(template(), 'AWS::ECS::TaskDefinition').find(
      (task) => task.Properties['Family'] === `perp-${name}-ws-gateway`,
    );
    const container = (gateway?.Properties['ContainerDefinitions'] as Record<string, unknown>[])[0];
    const environment = container?.['Environment'] as { Name: string; Value: unknown }[];
    const ping = Number(environment.find((entry) => entry.Name === 'PING_INTERVAL_MS')?.Value);
    expect(ping / 1000).toBeLessThan(120);
    // The tag the pipeline passed; apps without one run the placeholder until their first push.
    expect(JSON.stringify(container?.['Image'])).toContain('/perp/ws-gateway:abc123');
  });

  it('declares the queue and the tables from the shared resource declarations', () => {
    const prefix = `perp-${name}-`;
    template().hasResourceProperties('AWS::SQS::Queue', {
      QueueName: `${prefix}${QUEUES.orders.name}`,
      FifoQueue: true,
      ContentBasedDeduplication: false,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
      RedrivePolicy: {
        maxReceiveCount: QUEUES.orders.deadLetter.maxReceiveCount,
        deadLetterTargetArn: Match.anyValue(),
      },
    });
    template().hasResourceProperties('AWS::SQS::Queue', {
      QueueName: `${prefix}${QUEUES.orders.deadLetter.name}`,
      FifoQueue: true,
    });
    template().hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: `${prefix}${TABLES.trading.name}`,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: TABLES.trading.indexes.map((index) =>
        Match.objectLike({ IndexName: index.indexName }),
      ),
    });
  });

  it(`keeps point-in-time recovery and deletion protection ${config.pointInTimeRecovery ? 'on' : 'off'}`, () => {
    for (const table of resourcesOf(template(), 'AWS::DynamoDB::GlobalTable')) {
      const replica = (table.Properties['Replicas'] as Record<string, unknown>[])[0];
      expect(replica?.['PointInTimeRecoverySpecification']).toEqual(
        expect.objectContaining({ PointInTimeRecoveryEnabled: config.pointInTimeRecovery }),
      );
      expect(replica?.['DeletionProtectionEnabled']).toBe(config.protectData);
    }
    expect(config.pointInTimeRecovery).toBe(name === 'prod');
  });

  it('encrypts Redis in transit and keeps data stores in the isolated subnets', () => {
    template().hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
    });
    template().hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      StorageEncrypted: true,
      PubliclyAccessible: false,
    });
  });

  it('runs the margin call on Node 24 on both schedules with their inputs', () => {
    template().hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: `perp-${name}-margin-call`,
      Runtime: 'nodejs24.x',
      ReservedConcurrentExecutions: 1,
    });
    template().hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Target: Match.objectLike({ Input: Match.serializedJson({}) }),
    });
    template().hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 0 * * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      Target: Match.objectLike({ Input: Match.serializedJson({ executeMarginCall: true }) }),
    });
  });

  it('starts the notifier database on deploy and holds no stop schedule while running', () => {
    const [start] = resourcesOf(template(), 'Custom::AWS');
    expect(parsedJoin(start?.Properties['Create'])).toEqual(
      expect.objectContaining({
        service: 'RDS',
        action: 'startDBInstance',
        parameters: { DBInstanceIdentifier: '<ref>' },
        ignoreErrorCodesMatching: 'InvalidDBInstanceState.*',
      }),
    );
    expect(
      resourcesOf(template(), 'AWS::Scheduler::Schedule').map((s) => s.Properties['Name']),
    ).not.toContain(`perp-${name}-notifier-db-stop`);
  });

  it('requires MFA and has the four groups, the account attribute and the two clients', () => {
    template().hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      Schema: Match.arrayWith([Match.objectLike({ Name: 'account_id', Mutable: false })]),
    });
    for (const group of ['admin', 'operator', 'viewer', 'trader'])
      template().hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    template().hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'market-maker',
      AllowedOAuthFlows: ['client_credentials'],
      GenerateSecret: true,
    });
    const trader = resourcesOf(template(), 'AWS::Cognito::UserPoolClient').find(
      (client) => client.Properties['ClientName'] === 'trader-app',
    );
    expect(trader?.Properties['WriteAttributes']).not.toContain('custom:account_id');
  });

  it('pages through composite alarms only', () => {
    template().hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: `perp-${name}-trading-down`,
      ActionsEnabled: true,
      AlarmActions: [Match.anyValue()],
    });
    template().hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: `perp-${name}-degraded`,
    });
    for (const alarm of resourcesOf(template(), 'AWS::CloudWatch::Alarm'))
      expect(alarm.Properties['ActionsEnabled']).toBe(false);
    template().hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `perp-${name}-orders-dlq-not-empty`,
      Threshold: 1,
    });
    template().resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('grants no wildcard action on data, and venue keys to the OMS alone', () => {
    const policies = resourcesOf(template(), 'AWS::IAM::Policy');
    const statements = policies.flatMap((policy) => {
      const document = policy.Properties['PolicyDocument'] as {
        Statement: Record<string, unknown>[];
      };
      return document.Statement.map((statement) => ({
        policy: policy.Properties['PolicyName'] as string,
        actions: [statement['Action']].flat() as string[],
        resources: JSON.stringify(statement['Resource']),
      }));
    });
    for (const statement of statements)
      for (const action of statement.actions)
        expect(action, statement.policy).not.toMatch(
          /^(dynamodb|sqs|secretsmanager|s3|kms):\*$|^\*$/,
        );
    const venueKeys = statements.filter((statement) => statement.resources.includes('venue-keys'));
    expect(venueKeys.map((statement) => statement.policy)).toEqual([
      expect.stringMatching(/^omsTaskTaskRoleDefaultPolicy/),
    ]);
  });

  it('synthesises without warnings or errors', () => {
    const annotations = Annotations.fromStack(present(built.platforms[name], name));
    annotations.hasNoWarning('*', Match.anyValue());
    annotations.hasNoError('*', Match.anyValue());
  });

  it('matches its snapshot (asset hashes masked)', () => {
    expect(template().toJSON()).toMatchSnapshot();
  });
});

describe('the stopped toggle (running: false)', () => {
  let stopped: Template;
  let stoppedApp: ReturnType<typeof buildApp>;
  beforeAll(() => {
    const app = buildApp({
      app: new App({ context: cdkJsonContext() }),
      marginCallCode: code,
      environments: ['dev'],
      running: false,
    });
    stoppedApp = app;
    stopped = Template.fromStack(present(app.platforms.dev, 'dev'));
  }, 60_000);

  it('scales every service and the OMS hosts to zero', () => {
    for (const service of resourcesOf(stopped, 'AWS::ECS::Service'))
      expect(service.Properties['DesiredCount']).toBe(0);
    stopped.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MinSize: '0',
      MaxSize: '0',
    });
  });

  it('disables the schedules and the alarm actions but keeps the state', () => {
    const schedules = resourcesOf(stopped, 'AWS::Scheduler::Schedule');
    for (const schedule of schedules)
      expect(schedule.Properties['State']).toBe(
        schedule.Properties['Name'] === 'perp-dev-notifier-db-stop' ? 'ENABLED' : 'DISABLED',
      );
    expect(schedules.length).toBeGreaterThan(1);
    for (const alarm of resourcesOf(stopped, 'AWS::CloudWatch::CompositeAlarm'))
      expect(alarm.Properties['ActionsEnabled']).toBe(false);
    stopped.resourceCountIs('AWS::DynamoDB::GlobalTable', 2);
    stopped.resourceCountIs('AWS::Cognito::UserPool', 1);
    stopped.resourceCountIs('AWS::RDS::DBInstance', 1);
  });

  it('holds the notifier database stopped with an hourly stop on that instance alone', () => {
    stopped.resourceCountIs('Custom::AWS', 0);
    const stop = resourcesOf(stopped, 'AWS::Scheduler::Schedule').find(
      (schedule) => schedule.Properties['Name'] === 'perp-dev-notifier-db-stop',
    );
    expect(stop?.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 hour)',
      State: 'ENABLED',
      Target: { RetryPolicy: { MaximumRetryAttempts: 0 } },
    });
    const target = stop?.Properties['Target'] as { Arn: unknown; Input: unknown };
    expect(joinedText(target.Arn)).toBe('arn:<ref>:scheduler:::aws-sdk:rds:stopDBInstance');
    expect(parsedJoin(target.Input)).toEqual({ DBInstanceIdentifier: '<ref>' });
    const statements = resourcesOf(stopped, 'AWS::IAM::Policy').flatMap(
      (policy) =>
        (policy.Properties['PolicyDocument'] as { Statement: Record<string, unknown>[] }).Statement,
    );
    const grants = statements.filter((statement) =>
      JSON.stringify(statement['Action']).includes('rds:StopDBInstance'),
    );
    expect(grants).toHaveLength(1);
    expect(JSON.stringify(grants[0]?.['Resource'])).toContain(
      Object.keys(stopped.findResources('AWS::RDS::DBInstance'))[0],
    );
  });

  it("passes cdk-nag's AWS Solutions rules too", () => {
    expect(new AwsSolutionsChecks().validateScope(stoppedApp.app).violations).toEqual([]);
  });
});

describe('the bootstrap stack', () => {
  it.each(ENVIRONMENT_NAMES)(
    'trusts only this repository in %s, on main or its environment',
    (name) => {
      const repository = ENVIRONMENTS[name].githubRepository;
      present(bootstrapTemplates[name], name).hasResourceProperties('AWS::IAM::Role', {
        RoleName: `perp-${name}-github-deploy`,
        AssumeRolePolicyDocument: {
          Statement: [
            Match.objectLike({
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
                'ForAnyValue:StringEquals': {
                  'token.actions.githubusercontent.com:sub': [
                    `repo:${repository}:environment:${name}`,
                    `repo:${repository}:ref:refs/heads/main`,
                  ],
                },
              },
            }),
          ],
        },
      });
      present(bootstrapTemplates[name], name).resourcePropertiesCountIs(
        'AWS::ECR::Repository',
        { ImageTagMutability: 'IMMUTABLE' },
        5,
      );
    },
  );
});

describe("cdk-nag's AWS Solutions rules", () => {
  it('pass on every stack, each acknowledgement justified in code', () => {
    const report = new AwsSolutionsChecks().validateScope(built.app);
    const violations = report.violations.map(
      (violation) =>
        `${violation.ruleName}: ${violation.violatingResources.map((r) => r.resourceLogicalId).join(', ')}`,
    );
    expect(violations).toEqual([]);
    expect(report.success).toBe(true);
  });
});
