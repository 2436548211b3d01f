// The `running` toggle for the notifier's database. RDS cannot be held stopped by a property: a
// stopped instance starts itself again after seven days. So a stopped environment carries an
// hourly schedule that stops the instance (an hour at most after a deploy or an automatic restart),
// and a running one carries a deploy-time call that starts it, so turning `running` back on needs
// no console step. Both calls are idempotent in effect: stopping a stopped instance, or starting an
// available one, is refused by RDS and changes nothing.
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as rds from 'aws-cdk-lib/aws-rds';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment.ts';

export const DATABASE_STOP_SCHEDULE = 'rate(1 hour)';
/** RDS's answer when the instance is already in the state asked for (stopped, starting, available). */
const ALREADY_THERE = 'InvalidDBInstanceState.*';

export class DatabasePower extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: { environment: EnvironmentConfig; instance: rds.DatabaseInstance },
  ) {
    super(scope, id);
    const { environment, instance } = props;
    const identifier = { DBInstanceIdentifier: instance.instanceIdentifier };
    if (environment.running) {
      const start: cr.AwsSdkCall = {
        service: 'RDS',
        action: 'startDBInstance',
        parameters: identifier,
        // One physical id: the call runs when the resource appears, that is when `running` turns on.
        physicalResourceId: cr.PhysicalResourceId.of(`perp-${environment.name}-notifier-db-start`),
        ignoreErrorCodesMatching: ALREADY_THERE,
      };
      new cr.AwsCustomResource(this, 'Start', {
        onCreate: start,
        onUpdate: start,
        policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [instance.instanceArn] }),
        installLatestAwsSdk: false,
        timeout: Duration.minutes(2),
      });
      return;
    }
    new scheduler.Schedule(this, 'Stop', {
      scheduleName: `perp-${environment.name}-notifier-db-stop`,
      description: 'Holds the notifier database stopped while the environment is off.',
      schedule: scheduler.ScheduleExpression.expression(DATABASE_STOP_SCHEDULE),
      target: new targets.Universal({
        service: 'rds',
        action: 'stopDBInstance',
        input: scheduler.ScheduleTargetInput.fromObject(identifier),
        policyStatements: [
          new iam.PolicyStatement({
            actions: ['rds:StopDBInstance'],
            resources: [instance.instanceArn],
          }),
        ],
        // A refused stop is the instance already stopped; the next hour is the retry.
        retryAttempts: 0,
        maxEventAge: Duration.minutes(30),
      }),
    });
  }
}
