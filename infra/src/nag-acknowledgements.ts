// cdk-nag (AWS Solutions) findings this design accepts, each with its reason, in one place. A
// finding not acknowledged here fails synth and the tests.
import { Validations, type Stack } from 'aws-cdk-lib';

const STATIC: Readonly<Record<string, string>> = {
  'AwsSolutions-ECS2':
    'Plain environment variables hold non-secret configuration only; every secret is injected from Secrets Manager.',
  'AwsSolutions-IAM5[Resource::*]':
    'Actions that take no resource ARN: ecr:GetAuthorizationToken, ECS Exec (ssmmessages), X-Ray and the ECS agent calls of the capacity provider hosts.',
  'AwsSolutions-IAM5[Action::ecs:Submit*]':
    'The ECS agent on the OMS hosts reports task and container state (CDK default for EC2 capacity).',
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role]':
    'The ECS agent policy AWS maintains for container instances; its scope follows new agent features.',
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]':
    'Session Manager access to the OMS hosts instead of SSH: no inbound port, audited sessions.',
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
    "Logs only: the margin call's and CDK's own custom-resource function.",
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]':
    'ENI management a function in a VPC needs; nothing else.',
  'AwsSolutions-L1':
    "Node.js 24 is the runtime the workspace targets; CDK's custom-resource function runtime is CDK's.",
  'AwsSolutions-SMG4':
    'Rotated by the party that issues them (BotFather, Cognito, the notifier API token with a coordinated redeploy, the database by the runbook); ECS reads secrets only at task start, so unattended rotation would break running tasks.',
  'AwsSolutions-S1':
    'The bucket holds the load balancers\u2019 access logs; logging it would recurse.',
  'AwsSolutions-EC23':
    "The gateway's load balancer is the traders' public API: it admits the internet on its one listener port.",
  'AwsSolutions-COG8':
    'The Essentials plan: MFA is required for every user; threat protection (Plus) is a cost decision left to the operators.',
  'AwsSolutions-AS3':
    'The ECS capacity provider drives the OMS host group; scaling shows in ECS events and the tasks-below-desired alarm.',
  'AwsSolutions-AEC5':
    'The default port: the isolated subnet and a security group admitting only platform tasks guard it.',
  'AwsSolutions-AEC6':
    'No AUTH token: TLS in transit, isolated subnets and a security group admitting only platform tasks; RBAC user groups are the planned next step.',
  'AwsSolutions-RDS11':
    'The default port: isolated subnets and a security group admitting only the notifier tasks.',
};

/** Only outside prod: a single AZ and no deletion protection are cost choices for dev and stg. */
const NON_PRODUCTION: Readonly<Record<string, string>> = {
  'AwsSolutions-AEC4': 'A single-node Redis outside prod: its contents are rebuildable.',
  'AwsSolutions-RDS3': 'A single-AZ database outside prod.',
  'AwsSolutions-RDS10':
    'Deletion protection outside prod would block tearing test environments down.',
};

export function acknowledgeFindings(stack: Stack, environmentName: string): void {
  const validations = Validations.of(stack);
  const acknowledge = (id: string, reason: string) => validations.acknowledge({ id, reason });
  for (const [id, reason] of Object.entries(STATIC)) acknowledge(id, reason);
  if (environmentName !== 'prod')
    for (const [id, reason] of Object.entries(NON_PRODUCTION)) acknowledge(id, reason);
  const { account, region } = stack;
  acknowledge(
    `AwsSolutions-IAM5[Resource::arn:aws:iam::${account}:role/cdk-hnb659fds-*-${account}-${region}]`,
    "The deploy role may assume exactly the CDK bootstrap roles of this account and region (the * is the role's purpose: deploy, file-publishing, image-publishing, lookup).",
  );
  acknowledge(
    `AwsSolutions-IAM5[Resource::arn:aws:secretsmanager:${region}:${account}:secret:perp/${environmentName}/venue-keys/*]`,
    "The OMS reads every venue account's keys of its environment and nothing else; the * covers venue, account and Secrets Manager's suffix.",
  );
}

/** Findings whose text carries a logical id, acknowledged by the stack that made them. */
export function acknowledgeGeneratedArns(
  stack: Stack,
  findings: { readonly tableLogicalIds: readonly string[]; readonly functionLogicalId: string },
): void {
  const validations = Validations.of(stack);
  for (const logicalId of findings.tableLogicalIds)
    validations.acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`,
      reason: "Queries on the table's own indexes (open orders, held positions, in-flight orders).",
    });
  validations.acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${findings.functionLogicalId}.Arn>:*]`,
    reason: "The scheduler invokes the margin-call function's versions; nothing else.",
  });
}
