// What an account needs once, before the pipeline can deploy: the GitHub OIDC provider, the deploy
// role the workflows assume, the image repositories and the record of deployed tags.
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment.ts';

/** The images the pipeline builds and the platform stack runs. */
export const IMAGE_APPS = ['oms', 'ws-gateway', 'market-maker', 'notifier', 'sim-venue'] as const;

const GITHUB_OIDC = 'token.actions.githubusercontent.com';

export interface BootstrapStackProps extends StackProps {
  readonly environment: EnvironmentConfig;
}

export class BootstrapStack extends Stack {
  readonly deployRole: iam.Role;

  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id, props);
    const { environment } = props;
    const provider = new iam.OidcProviderNative(this, 'GitHub', {
      url: `https://${GITHUB_OIDC}`,
      clientIds: ['sts.amazonaws.com'],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const repository = environment.githubRepository;
    this.deployRole = new iam.Role(this, 'GitHubDeploy', {
      roleName: `perp-${environment.name}-github-deploy`,
      maxSessionDuration: Duration.hours(1),
      // A job of this repository's workflows in this environment's GitHub environment (which in
      // turn admits only main), or on main itself; nothing else on GitHub.
      assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, {
        StringEquals: { [`${GITHUB_OIDC}:aud`]: 'sts.amazonaws.com' },
        'ForAnyValue:StringEquals': {
          [`${GITHUB_OIDC}:sub`]: [
            `repo:${repository}:environment:${environment.name}`,
            `repo:${repository}:ref:refs/heads/main`,
          ],
        },
      }),
    });
    // CloudFormation acts through the CDK bootstrap roles; the workflow may only assume them.
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: [
          `arn:${this.partition}:iam::${this.account}:role/cdk-hnb659fds-*-${this.account}-${this.region}`,
        ],
      }),
    );
    const repositories = IMAGE_APPS.map(
      (app) =>
        new ecr.Repository(this, `Repository-${app}`, {
          repositoryName: `perp/${app}`,
          imageTagMutability: ecr.TagMutability.IMMUTABLE,
          imageScanOnPush: true,
          encryption: ecr.RepositoryEncryption.AES_256,
          lifecycleRules: [{ description: 'keep the last 50 images', maxImageCount: 50 }],
          removalPolicy: RemovalPolicy.RETAIN,
        }),
    );
    for (const repositoryOfApp of repositories) repositoryOfApp.grantPullPush(this.deployRole);
    ecr.AuthorizationToken.grantRead(this.deployRole);
    const tags = new ssm.StringParameter(this, 'ImageTags', {
      parameterName: `/perp/${environment.name}/image-tags`,
      description: 'The image tag of each app as last deployed (written by the deploy workflow)',
      stringValue: '{}',
    });
    tags.grantRead(this.deployRole);
    tags.grantWrite(this.deployRole);
  }
}
