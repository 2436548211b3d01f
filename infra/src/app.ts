// The CDK app: a bootstrap and a platform stack per environment, checked by cdk-nag's AWS
// Solutions rules at synth.
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { EnvironmentConfig, EnvironmentName } from './config/environment.ts';
import { ENVIRONMENTS, ENVIRONMENT_NAMES } from './config/environments.ts';
import { acknowledgeFindings } from './nag-acknowledgements.ts';
import { BootstrapStack } from './stacks/bootstrap-stack.ts';
import { PlatformStack } from './stacks/platform-stack.ts';

export interface BuildOptions {
  readonly app?: App;
  readonly environments?: readonly EnvironmentName[];
  readonly imageTags?: Readonly<Record<string, string>>;
  /** Overrides every environment's `running` (`-c running=false`). */
  readonly running?: boolean;
  readonly marginCallCode: string;
}

export const platformStackName = (name: EnvironmentName) => `perp-${name}-platform`;
export const bootstrapStackName = (name: EnvironmentName) => `perp-${name}-bootstrap`;

export function buildApp(options: BuildOptions): {
  readonly app: App;
  readonly platforms: Readonly<Partial<Record<EnvironmentName, PlatformStack>>>;
  readonly bootstraps: Readonly<Partial<Record<EnvironmentName, BootstrapStack>>>;
} {
  const app = options.app ?? new App();
  const platforms: Partial<Record<EnvironmentName, PlatformStack>> = {};
  const bootstraps: Partial<Record<EnvironmentName, BootstrapStack>> = {};
  for (const name of options.environments ?? ENVIRONMENT_NAMES) {
    const configured = ENVIRONMENTS[name];
    const environment: EnvironmentConfig =
      options.running === undefined ? configured : { ...configured, running: options.running };
    const env = { account: environment.account, region: environment.region };
    bootstraps[name] = new BootstrapStack(app, bootstrapStackName(name), { env, environment });
    platforms[name] = new PlatformStack(app, platformStackName(name), {
      env,
      environment,
      imageTags: options.imageTags ?? {},
      marginCallCode: options.marginCallCode,
      description: `perp ${name}: network, data, services, margin call, identity, monitoring`,
    });
    for (const stack of [bootstraps[name], platforms[name]]) {
      Tags.of(stack).add('project', 'perp');
      Tags.of(stack).add('environment', name);
      acknowledgeFindings(stack, name);
    }
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, platforms, bootstraps };
}
