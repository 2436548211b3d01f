// `npm run -s margin-call -- [--execute] [--run-id ID]`: one margin-call pass against the running
// local stack, with the stack's endpoints and its notifier's secret. The summary is the last line
// of stdout, one JSON object (apps/margin-call/src/cli.ts).
import { spawn } from 'node:child_process';
import { ENTRY_POINTS, nodeArgs } from '@perp/local-stack';
import { appEndpoints, marginCallEnv } from './apps.ts';
import { readNotifierSecret } from './notifier-secret.ts';
import { readStackConfig, workspaceRoot } from './stack-config.ts';

const config = readStackConfig();
const endpoints = appEndpoints(config);
const apiToken = await readNotifierSecret(config.STACK_DATA_DIR);
if (apiToken === undefined) {
  process.stderr.write(
    `margin-call: no notifier secret in ${config.STACK_DATA_DIR}: start the stack first (npm start)\n`,
  );
  process.exit(1);
}
const backing = {
  sqsEndpoint: `http://${config.STACK_HOST}:${config.SQS_PORT}`,
  dynamodbEndpoint: `http://${config.STACK_HOST}:${config.DYNAMODB_PORT}`,
};
const child = spawn(process.execPath, nodeArgs(ENTRY_POINTS.marginCallCli, process.argv.slice(2)), {
  cwd: workspaceRoot,
  // The stack's settings, under what this shell sets (LOG_LEVEL, MARGIN_CALL_TARGET_PERCENT…).
  env: {
    LOG_LEVEL: 'warn',
    ...marginCallEnv(config, backing, endpoints, { url: endpoints.notifier, apiToken }),
    ...process.env,
  },
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
