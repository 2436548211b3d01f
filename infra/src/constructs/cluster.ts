// One ECS cluster; the OMS hosts are an Auto Scaling group behind a capacity provider (kept in the
// cluster's stack: cross-stack registration is unsupported). A private DNS namespace lets tasks
// find the paper venue.
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment.ts';

export class PlatformCluster extends Construct {
  readonly cluster: ecs.Cluster;
  readonly omsCapacity: ecs.AsgCapacityProvider;
  readonly namespace: servicediscovery.PrivateDnsNamespace;
  /** Every platform task: Redis and PostgreSQL admit this group. */
  readonly tasksSecurityGroup: ec2.SecurityGroup;

  constructor(
    scope: Construct,
    id: string,
    props: { environment: EnvironmentConfig; vpc: ec2.IVpc },
  ) {
    super(scope, id);
    const { environment, vpc } = props;
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: `perp-${environment.name}`,
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
      enableFargateCapacityProviders: true,
    });
    this.namespace = new servicediscovery.PrivateDnsNamespace(this, 'Namespace', {
      name: `perp-${environment.name}.internal`,
      vpc,
    });
    this.tasksSecurityGroup = new ec2.SecurityGroup(this, 'Tasks', {
      vpc,
      description: 'perp platform tasks',
      allowAllOutbound: true,
    });
    this.tasksSecurityGroup.addIngressRule(
      this.tasksSecurityGroup,
      ec2.Port.tcp(8080),
      'task to task',
    );

    const role = new iam.Role(this, 'OmsHostRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName(
          'service-role/AmazonEC2ContainerServiceforEC2Role',
        ),
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore'),
      ],
    });
    const hostSecurityGroup = new ec2.SecurityGroup(this, 'OmsHostSecurityGroup', {
      vpc,
      description: 'OMS hosts (tasks use their own ENIs)',
      allowAllOutbound: true,
    });
    const launchTemplate = new ec2.LaunchTemplate(this, 'OmsHostTemplate', {
      instanceType: new ec2.InstanceType(environment.omsHosts.instanceType),
      machineImage: ecs.EcsOptimizedImage.amazonLinux2023(ecs.AmiHardwareType.ARM),
      userData: ec2.UserData.forLinux(),
      requireImdsv2: true,
      role,
      securityGroup: hostSecurityGroup,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(30, {
            encrypted: true,
            volumeType: ec2.EbsDeviceVolumeType.GP3,
          }),
        },
      ],
      detailedMonitoring: true,
    });
    const hosts = new autoscaling.AutoScalingGroup(this, 'OmsHosts', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      launchTemplate,
      minCapacity: environment.running ? 1 : 0,
      maxCapacity: environment.running ? environment.omsHosts.maxCount : 0,
    });
    this.omsCapacity = new ecs.AsgCapacityProvider(this, 'OmsCapacity', {
      autoScalingGroup: hosts,
      // Managed termination protection wedges stack deletion (aws/aws-cdk#18179).
      enableManagedTerminationProtection: false,
      enableManagedDraining: true,
    });
    this.cluster.addAsgCapacityProvider(this.omsCapacity);
  }
}
