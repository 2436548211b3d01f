// `cdk synth|diff|deploy` entry (cdk.json). Context: env=<dev|stg|prod> to build one environment
// (all three when absent), imageTags=<JSON app->tag>, running=<true|false>.
import { isEnvironmentName } from '../src/config/environments.ts';
import { buildApp } from '../src/app.ts';
import { bundleMarginCall } from '../src/margin-call-bundle.ts';
import { App } from 'aws-cdk-lib';

const app = new App();
const requested = app.node.tryGetContext('env') as string | undefined;
if (requested !== undefined && !isEnvironmentName(requested))
  throw new Error(`context env must be dev, stg or prod, got "${requested}"`);
const tags = app.node.tryGetContext('imageTags') as string | Record<string, string> | undefined;
const running = app.node.tryGetContext('running') as string | boolean | undefined;
buildApp({
  app,
  ...(requested ? { environments: [requested] } : {}),
  ...(tags ? { imageTags: typeof tags === 'string' ? parseTags(tags) : tags } : {}),
  ...(running === undefined ? {} : { running: running === true || running === 'true' }),
  marginCallCode: bundleMarginCall(),
});

function parseTags(json: string): Record<string, string> {
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('context imageTags must be a JSON object of app to tag');
  for (const [app, tag] of Object.entries(parsed))
    if (typeof tag !== 'string' || !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag))
      throw new Error(`context imageTags.${app} must be an image tag`);
  return parsed as Record<string, string>;
}
