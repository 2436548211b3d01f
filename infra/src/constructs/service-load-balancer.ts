// An Application Load Balancer in front of one service: internet-facing for the gateway (the
// WebSocket API), internal for the notifier's API.
import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment.ts';
import { CONTAINER_PORT } from '../services/index.ts';

export interface ServiceLoadBalancerProps {
  readonly environment: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  readonly service: ecs.BaseService;
  readonly containerName: string;
  readonly internetFacing: boolean;
  /** Above the gateway's 20 s WebSocket ping, so an idle but live socket is never cut. */
  readonly idleTimeout: Duration;
  /** Matched to the app's drain: long deregistration only slows deploys. */
  readonly deregistrationDelay: Duration;
  readonly clients?: ec2.ISecurityGroup;
  readonly accessLogs: s3.IBucket;
}

export class ServiceLoadBalancer extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly url: string;

  constructor(scope: Construct, id: string, props: ServiceLoadBalancerProps) {
    super(scope, id);
    const { environment } = props;
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `${id} load balancer`,
      allowAllOutbound: false,
    });
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: props.internetFacing,
      vpcSubnets: {
        subnetType: props.internetFacing
          ? ec2.SubnetType.PUBLIC
          : ec2.SubnetType.PRIVATE_WITH_EGRESS,
      },
      securityGroup,
      idleTimeout: props.idleTimeout,
      dropInvalidHeaderFields: true,
      deletionProtection: environment.protectData && props.internetFacing,
    });
    this.loadBalancer.logAccessLogs(props.accessLogs, id.toLowerCase());
    const https = environment.certificateArn !== undefined && props.internetFacing;
    const port = https ? 443 : 80;
    if (props.internetFacing) securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(port));
    else if (props.clients) securityGroup.addIngressRule(props.clients, ec2.Port.tcp(port));
    const listener = this.loadBalancer.addListener('Listener', {
      port,
      open: false,
      ...(https
        ? {
            protocol: elbv2.ApplicationProtocol.HTTPS,
            certificates: [elbv2.ListenerCertificate.fromArn(environment.certificateArn ?? '')],
            sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
          }
        : { protocol: elbv2.ApplicationProtocol.HTTP }),
    });
    this.targetGroup = listener.addTargets('Service', {
      port: CONTAINER_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [
        props.service.loadBalancerTarget({
          containerName: props.containerName,
          containerPort: CONTAINER_PORT,
        }),
      ],
      healthCheck: {
        path: '/ready',
        interval: Duration.seconds(10),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
        healthyHttpCodes: '200',
      },
      deregistrationDelay: props.deregistrationDelay,
    });
    const scheme = props.internetFacing ? (https ? 'wss' : 'ws') : 'http';
    this.url = `${scheme}://${this.loadBalancer.loadBalancerDnsName}`;
  }
}
