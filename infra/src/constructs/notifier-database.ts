// PostgreSQL for the notifier, in the isolated subnets, its credentials generated into Secrets
// Manager. The password avoids every character a URL would need to escape (the notifier's task
// composes DATABASE_URL from it).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment.ts';

const URL_UNSAFE = ` %+~\`#$&*()|[]{}:;<>?!'/@"\\,=^.`;

export class NotifierDatabase extends Construct {
  readonly instance: rds.DatabaseInstance;
  readonly databaseName = 'notifier';

  constructor(
    scope: Construct,
    id: string,
    props: { environment: EnvironmentConfig; vpc: ec2.IVpc; clients: ec2.ISecurityGroup },
  ) {
    super(scope, id);
    const { environment } = props;
    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17 }),
      instanceType: new ec2.InstanceType(environment.database.instanceType),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      databaseName: this.databaseName,
      credentials: rds.Credentials.fromGeneratedSecret('notifier', {
        secretName: `perp/${environment.name}/notifier/db`,
        excludeCharacters: URL_UNSAFE,
      }),
      allocatedStorage: environment.database.storageGiB,
      storageEncrypted: true,
      multiAz: environment.database.multiAz,
      backupRetention: Duration.days(environment.protectData ? 14 : 1),
      deletionProtection: environment.protectData,
      removalPolicy: environment.protectData ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      iamAuthentication: true,
      enablePerformanceInsights: false,
      cloudwatchLogsExports: ['postgresql'],
    });
    this.instance.connections.allowDefaultPortFrom(props.clients, 'notifier tasks');
  }
}
