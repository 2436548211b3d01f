// `npm run -s market-maker`: one more market maker against the running local stack, with the
// stack's own account, credentials and Redis. It stays standby while the stack's bot holds the
// lease and takes over within seconds when that one dies. Ctrl-C stops it.
import { spawn } from 'node:child_process';
import { ENTRY_POINTS, nodeArgs } from '@perp/local-stack';
import { APP_HOST, appEndpoints, marketMakerEnv } from './apps.ts';
import { readMachineClient } from './machine-client.ts';
import { firstFreePort } from './ports.ts';
import { readStackConfig, workspaceRoot } from './stack-config.ts';

const fail = (message: string): never => {
  process.stderr.write(`market-maker: ${message}\n`);
  process.exit(1);
};

const config = readStackConfig();
const endpoints = appEndpoints(config);
const client =
  (await readMachineClient(config.STACK_DATA_DIR)) ??
  fail(
    `no market maker credentials in ${config.STACK_DATA_DIR}: start the stack first (npm start)`,
  );
const gatewayReady = await fetch(`${endpoints.gateway}/ready`, {
  signal: AbortSignal.timeout(2_000),
})
  .then((response) => response.ok)
  .catch(() => false);
if (!gatewayReady)
  fail(`the stack's gateway does not answer at ${endpoints.gateway}: is "npm start" running?`);

// The stack's bot has MARKET_MAKER_PORT; this one takes the variable only when it is set here.
const port =
  process.env['MARKET_MAKER_PORT'] !== undefined
    ? config.MARKET_MAKER_PORT
    : await firstFreePort(APP_HOST, config.MARKET_MAKER_PORT + 1);
process.stderr.write(`market-maker: ops on http://${APP_HOST}:${port} (/health says its role)\n`);

const child = spawn(process.execPath, nodeArgs(ENTRY_POINTS.marketMaker), {
  cwd: workspaceRoot,
  // The stack's settings, under what this shell sets (MARKET_MAKER_DRY_RUN=true…).
  env: {
    LOG_FORMAT: 'pretty',
    ...marketMakerEnv(config, endpoints, client, port),
    ...process.env,
    MARKET_MAKER_PORT: String(port),
  },
  stdio: 'inherit',
});
// Ctrl-C reaches the child from the terminal too; a SIGTERM sent to this process is passed on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
