// Alarms, their topics and the dashboard. Each metric alarm has no action of its own; two
// composites notify: "trading is down" pages (critical), "degraded" warns. Fewer, meaningful
// pages, and one switch (`running`) to silence a stopped environment.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment.ts';
import type { AppService } from './app-service.ts';

/** What apps/margin-call/src/emf.ts writes (embedded metric format, dimension Mode). */
export const MARGIN_CALL_NAMESPACE = 'Perp/MarginCall';

export interface MonitoringProps {
  readonly environment: EnvironmentConfig;
  readonly clusterName: string;
  readonly services: readonly AppService[];
  readonly targetGroups: Readonly<Record<string, elbv2.ApplicationTargetGroup>>;
  readonly publicLoadBalancer: elbv2.ApplicationLoadBalancer;
  readonly queues: { readonly orders: sqs.IQueue; readonly deadLetter: sqs.IQueue };
  readonly tables: readonly dynamodb.TableV2[];
  readonly marginCall: lambda.IFunction;
  readonly redis: elasticache.CfnReplicationGroup;
  readonly database: rds.DatabaseInstance;
}

type Severity = 'critical' | 'warning';

export class Monitoring extends Construct {
  readonly topics: Readonly<Record<Severity, sns.Topic>>;
  readonly alarms: { readonly critical: cloudwatch.Alarm[]; readonly warning: cloudwatch.Alarm[] };
  readonly tradingDown: cloudwatch.CompositeAlarm;
  readonly degraded: cloudwatch.CompositeAlarm;
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { environment } = props;
    const name = (suffix: string) => `perp-${environment.name}-${suffix}`;
    const key = new kms.Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: `${name('alarms')} topics`,
    });
    // Alarms publish to encrypted topics only when CloudWatch may use the key.
    key.grant(
      new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    const topic = (severity: Severity) => {
      const created = new sns.Topic(this, severity, {
        topicName: name(severity),
        masterKey: key,
        enforceSSL: true,
      });
      for (const email of environment.alarmEmails[severity])
        created.addSubscription(new subscriptions.EmailSubscription(email));
      return created;
    };
    this.topics = { critical: topic('critical'), warning: topic('warning') };
    this.alarms = { critical: [], warning: [] };

    const alarm = (
      severity: Severity,
      alarmId: string,
      metric: cloudwatch.Metric | cloudwatch.MathExpression,
      options: Omit<cloudwatch.CreateAlarmOptions, 'alarmName'>,
    ) => {
      const created = metric.createAlarm(this, alarmId, {
        alarmName: name(alarmId),
        actionsEnabled: false,
        ...options,
      });
      this.alarms[severity].push(created);
      return created;
    };
    const above = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
    const below = cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD;

    for (const app of props.services) {
      const { definition } = app;
      const label = definition.name;
      alarm('warning', `${label}-cpu`, app.service.metricCpuUtilization(), {
        threshold: 80,
        evaluationPeriods: 5,
        comparisonOperator: above,
      });
      alarm('warning', `${label}-memory`, app.service.metricMemoryUtilization(), {
        threshold: 85,
        evaluationPeriods: 5,
        comparisonOperator: above,
      });
      const running = new cloudwatch.Metric({
        namespace: 'ECS/ContainerInsights',
        metricName: 'RunningTaskCount',
        dimensionsMap: { ClusterName: props.clusterName, ServiceName: app.service.serviceName },
        statistic: 'Minimum',
        period: Duration.minutes(1),
      });
      // The core path pages; the others warn.
      const core = label === 'oms' || label === 'ws-gateway';
      alarm(core ? 'critical' : 'warning', `${label}-tasks-below-desired`, running, {
        threshold: definition.desiredCount,
        evaluationPeriods: 3,
        comparisonOperator: below,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      });
    }
    for (const [label, group] of Object.entries(props.targetGroups)) {
      alarm('critical', `${label}-unhealthy-targets`, group.metrics.unhealthyHostCount(), {
        threshold: 1,
        evaluationPeriods: 3,
        comparisonOperator: above,
      });
      alarm(
        'warning',
        `${label}-target-5xx`,
        group.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT),
        { threshold: 10, evaluationPeriods: 3, comparisonOperator: above },
      );
    }
    alarm(
      'warning',
      'gateway-elb-5xx',
      props.publicLoadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT),
      { threshold: 10, evaluationPeriods: 3, comparisonOperator: above },
    );
    // The OMS's lag: orders waiting in the queue.
    alarm(
      'critical',
      'orders-oldest-message',
      props.queues.orders.metricApproximateAgeOfOldestMessage(),
      {
        threshold: 30,
        evaluationPeriods: 3,
        comparisonOperator: above,
      },
    );
    alarm(
      'critical',
      'orders-dlq-not-empty',
      props.queues.deadLetter.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' }),
      { threshold: 1, evaluationPeriods: 1, comparisonOperator: above },
    );
    for (const table of props.tables) {
      const throttled = new cloudwatch.MathExpression({
        expression: 'r + w',
        usingMetrics: {
          r: table.metric('ReadThrottleEvents', { statistic: 'Sum', period: Duration.minutes(1) }),
          w: table.metric('WriteThrottleEvents', { statistic: 'Sum', period: Duration.minutes(1) }),
        },
        period: Duration.minutes(1),
      });
      alarm('warning', `${table.node.id}-throttles`, throttled, {
        threshold: 1,
        evaluationPeriods: 3,
        comparisonOperator: above,
      });
    }
    const fn = props.marginCall;
    alarm('critical', 'margin-call-errors', fn.metricErrors({ period: Duration.minutes(15) }), {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: above,
    });
    alarm('warning', 'margin-call-duration', fn.metricDuration({ statistic: 'Maximum' }), {
      threshold: 240_000,
      evaluationPeriods: 1,
      comparisonOperator: above,
    });
    alarm('warning', 'margin-call-throttles', fn.metricThrottles(), {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: above,
    });
    const runMetric = (metricName: string, mode: string) =>
      new cloudwatch.Metric({
        namespace: MARGIN_CALL_NAMESPACE,
        metricName,
        dimensionsMap: { Mode: mode },
        statistic: 'Sum',
        period: Duration.minutes(15),
      });
    alarm('critical', 'margin-call-run-errors', runMetric('errors', 'execute'), {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: above,
    });
    alarm('warning', 'margin-call-warn-errors', runMetric('errors', 'warn'), {
      threshold: 1,
      evaluationPeriods: 2,
      comparisonOperator: above,
    });
    // A dead man's switch: the warning pass runs every 15 minutes.
    alarm(
      'warning',
      'margin-call-not-running',
      fn.metricInvocations({ period: Duration.minutes(30) }),
      {
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: below,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      },
    );
    const redisMetric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/ElastiCache',
        metricName,
        dimensionsMap: { ReplicationGroupId: props.redis.ref },
        statistic: 'Maximum',
        period: Duration.minutes(1),
      });
    alarm('warning', 'redis-cpu', redisMetric('EngineCPUUtilization'), {
      threshold: 80,
      evaluationPeriods: 5,
      comparisonOperator: above,
    });
    alarm('warning', 'redis-memory', redisMetric('DatabaseMemoryUsagePercentage'), {
      threshold: 80,
      evaluationPeriods: 5,
      comparisonOperator: above,
    });
    alarm('warning', 'database-cpu', props.database.metricCPUUtilization(), {
      threshold: 80,
      evaluationPeriods: 5,
      comparisonOperator: above,
    });
    alarm('warning', 'database-free-storage', props.database.metricFreeStorageSpace(), {
      threshold: 2 * 1024 ** 3,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    });

    const composite = (severity: Severity, compositeId: string, description: string) => {
      const created = new cloudwatch.CompositeAlarm(this, compositeId, {
        compositeAlarmName: name(compositeId),
        alarmDescription: description,
        alarmRule: cloudwatch.AlarmRule.anyOf(...this.alarms[severity]),
        actionsEnabled: environment.running,
      });
      created.addAlarmAction(new actions.SnsAction(this.topics[severity]));
      created.addOkAction(new actions.SnsAction(this.topics[severity]));
      return created;
    };
    this.tradingDown = composite(
      'critical',
      'trading-down',
      'Traders cannot trade: OMS or gateway tasks missing, targets unhealthy, orders stuck in the queue or dead-lettered, or the liquidation pass failing.',
    );
    this.degraded = composite(
      'warning',
      'degraded',
      'A part of the platform runs hot or failed a non-critical check.',
    );

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: name('platform'),
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: [this.tradingDown, this.degraded, ...this.alarms.critical, ...this.alarms.warning],
        width: 24,
      }),
    );
    this.dashboard.addWidgets(
      ...props.services.map(
        (app) =>
          new cloudwatch.GraphWidget({
            title: app.definition.name,
            left: [app.service.metricCpuUtilization(), app.service.metricMemoryUtilization()],
            width: 8,
          }),
      ),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Orders queue',
        left: [props.queues.orders.metricApproximateAgeOfOldestMessage()],
        right: [props.queues.orders.metricNumberOfMessagesSent()],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Gateway',
        left: [props.publicLoadBalancer.metrics.activeConnectionCount()],
        right: [props.publicLoadBalancer.metrics.targetResponseTime()],
        width: 12,
      }),
    );
  }
}
