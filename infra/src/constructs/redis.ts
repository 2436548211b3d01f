// ElastiCache for Redis (no L2 exists): TLS in transit and at rest, in the isolated subnets, reached
// only from the app security group. Its contents are rebuildable (fan-out, streams, leases).
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment.ts';

export const REDIS_PORT = 6379;

export class Redis extends Construct {
  readonly url: string;
  readonly securityGroup: ec2.SecurityGroup;
  readonly replicationGroup: elasticache.CfnReplicationGroup;

  constructor(
    scope: Construct,
    id: string,
    props: { environment: EnvironmentConfig; vpc: ec2.IVpc; clients: ec2.ISecurityGroup },
  ) {
    super(scope, id);
    const { environment, vpc } = props;
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'Redis: from the platform tasks only',
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(props.clients, ec2.Port.tcp(REDIS_PORT), 'platform tasks');
    const subnets = new elasticache.CfnSubnetGroup(this, 'Subnets', {
      description: `perp-${environment.name} Redis`,
      subnetIds: vpc.isolatedSubnets.map((subnet) => subnet.subnetId),
    });
    const replicated = environment.redis.replicas > 0;
    this.replicationGroup = new elasticache.CfnReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupDescription: `perp-${environment.name} fan-out, streams and leases`,
      engine: 'redis',
      engineVersion: '7.1',
      cacheNodeType: environment.redis.nodeType,
      numNodeGroups: 1,
      replicasPerNodeGroup: environment.redis.replicas,
      automaticFailoverEnabled: replicated,
      multiAzEnabled: replicated,
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
      port: REDIS_PORT,
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [this.securityGroup.securityGroupId],
      snapshotRetentionLimit: replicated ? 1 : 0,
    });
    this.url = `rediss://${this.replicationGroup.attrPrimaryEndPointAddress}:${REDIS_PORT}`;
  }
}
