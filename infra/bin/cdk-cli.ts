// `npm run synth | diff | deploy`: the CDK CLI with this repository's settings. synth writes all
// three environments offline; diff and deploy take `--env <dev|stg|prod>` and need credentials.
// IMAGE_TAGS (JSON app -> tag, set by the deploy workflow) picks the images; RUNNING=false stops
// the environment (see docs/operations/scale-down-up.md).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ENVIRONMENTS, isEnvironmentName } from '../src/config/environments.ts';

const INFRA = resolve(import.meta.dirname, '..');
const CDK = resolve(INFRA, '../node_modules/.bin/cdk');

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: { env: { type: 'string' }, running: { type: 'string' } },
  allowPositionals: false,
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const context: string[] = [];
const stacks: string[] = [];
if (command === 'synth') {
  if (values.env !== undefined) fail('synth writes every environment; it takes no --env');
} else if (command === 'diff' || command === 'deploy') {
  const env = values.env ?? fail(`${command} needs --env <dev|stg|prod>`);
  if (!isEnvironmentName(env)) fail(`--env must be dev, stg or prod, got "${env}"`);
  context.push('-c', `env=${env}`);
  stacks.push(`perp-${env}-platform`);
} else {
  fail('usage: cdk-cli.ts synth | diff --env <env> | deploy --env <env>');
}
const running = values.running ?? process.env['RUNNING'];
if (running !== undefined) {
  if (running !== 'true' && running !== 'false') fail('running must be true or false');
  context.push('-c', `running=${running}`);
}
const tags = process.env['IMAGE_TAGS'] || (values.env ? deployedTags(values.env) : undefined);
if (tags !== undefined) context.push('-c', `imageTags=${tags}`);

/** Without IMAGE_TAGS, the tags last deployed (what the pipeline records), so nothing rolls. */
function deployedTags(env: string): string {
  const name = `/perp/${env}/image-tags`;
  const region = isEnvironmentName(env) ? ENVIRONMENTS[env].region : undefined;
  const read = spawnSync(
    'aws',
    [
      'ssm',
      'get-parameter',
      '--name',
      name,
      ...(region ? ['--region', region] : []),
      '--query',
      'Parameter.Value',
      '--output',
      'text',
    ],
    { encoding: 'utf8' },
  );
  if (read.status !== 0)
    fail(
      `set IMAGE_TAGS (JSON app -> tag), or give credentials that read ${name}: ${(read.stderr || String(read.error)).trim()}`,
    );
  return read.stdout.trim();
}

const args = [
  command,
  ...stacks,
  ...context,
  '--no-notices',
  ...(command === 'synth' ? ['--quiet'] : []),
  ...(command === 'deploy' ? ['--require-approval', 'never', '--ci'] : []),
];
const result = spawnSync(CDK, args, {
  cwd: INFRA,
  stdio: 'inherit',
  env: {
    ...process.env,
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    AWS_EC2_METADATA_DISABLED:
      process.env['AWS_EC2_METADATA_DISABLED'] ?? (command === 'synth' ? 'true' : 'false'),
  },
});
process.exit(result.status ?? 1);
