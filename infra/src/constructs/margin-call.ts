// The margin-call job as a Lambda on two EventBridge Scheduler schedules: a warning pass every 15
// minutes with `{}`, and the daily liquidation pass with `{ "executeMarginCall": true }`. In the
// VPC: it takes leases in Redis and asks the paper venue for marks.
import { Duration, RemovalPolicy, TimeZone } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment.ts';
import { MARGIN_CALL_HANDLER } from '../margin-call-bundle.ts';

export const WARN_SCHEDULE = 'rate(15 minutes)';
export const EXECUTE_SCHEDULE = { minute: '0', hour: '0' } as const;

export interface MarginCallProps {
  readonly environment: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly codeDirectory: string;
  readonly environmentVariables: Readonly<Record<string, string>>;
  readonly notifierApiToken: secretsmanager.ISecret;
}

export class MarginCall extends Construct {
  readonly function: lambda.Function;
  readonly schedules: readonly scheduler.Schedule[];

  constructor(scope: Construct, id: string, props: MarginCallProps) {
    super(scope, id);
    const { environment } = props;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/perp/${environment.name}/margin-call`,
      retention: environment.logRetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new lambda.Function(this, 'Function', {
      functionName: `perp-${environment.name}-margin-call`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: MARGIN_CALL_HANDLER,
      code: lambda.Code.fromAsset(props.codeDirectory),
      memorySize: 1024,
      timeout: Duration.minutes(5),
      // Runs never overlap (the job's Redis lease is the guard; this saves a wasted start).
      reservedConcurrentExecutions: 1,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [props.securityGroup],
      logGroup,
      environment: {
        ...props.environmentVariables,
        NODE_OPTIONS: '--enable-source-maps',
        // Resolved by CloudFormation at deploy time: the template holds only a reference.
        NOTIFIER_API_TOKEN: props.notifierApiToken.secretValue.unsafeUnwrap(),
      },
    });
    // A retry would be a second pass; the next schedule is the retry.
    const target = (input: Record<string, unknown>) =>
      new targets.LambdaInvoke(this.function, {
        input: scheduler.ScheduleTargetInput.fromObject(input),
        retryAttempts: 0,
        maxEventAge: Duration.minutes(5),
      });
    this.schedules = [
      new scheduler.Schedule(this, 'Warn', {
        scheduleName: `perp-${environment.name}-margin-call-warn`,
        schedule: scheduler.ScheduleExpression.expression(WARN_SCHEDULE),
        target: target({}),
        enabled: environment.running,
      }),
      new scheduler.Schedule(this, 'Execute', {
        scheduleName: `perp-${environment.name}-margin-call-execute`,
        schedule: scheduler.ScheduleExpression.cron({
          ...EXECUTE_SCHEDULE,
          timeZone: TimeZone.ETC_UTC,
        }),
        target: target({ executeMarginCall: true }),
        enabled: environment.running,
      }),
    ];
  }
}
