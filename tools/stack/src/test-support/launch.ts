import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort } from '@perp/test-services';

const main = join(import.meta.dirname, '..', 'main.ts');

/** One `npm start`, its output collected. */
export interface Launch {
  readonly child: ChildProcessWithoutNullStreams;
  output: string;
}

const launched = new Set<Launch>();

export function launch(env: Record<string, string>): Launch {
  const child = spawn(process.execPath, ['--conditions=@perp/source', main], {
    env: { ...process.env, ...env },
  });
  const started: Launch = { child, output: '' };
  child.stdout.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
  launched.add(started);
  child.once('exit', () => launched.delete(started));
  return started;
}

/** A port of each kind the stack listens on, all free now, so no test meets a developer's stack. */
export async function stackPorts(): Promise<Record<string, string>> {
  const names = [
    'SQS_PORT',
    'DYNAMODB_PORT',
    'SIM_VENUE_PORT',
    'OMS_PORT',
    'IDENTITY_PORT',
    'GATEWAY_PORT',
  ];
  const ports = new Set<number>();
  while (ports.size < names.length) ports.add(await freePort());
  return Object.fromEntries(names.map((name, i) => [name, String([...ports][i])]));
}

export async function untilReady(started: Launch, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!started.output.includes('ready. Press Ctrl-C')) {
    if (started.child.exitCode !== null) throw new Error(`stack exited early:\n${started.output}`);
    if (Date.now() > deadline) throw new Error(`stack not ready in time:\n${started.output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Ctrl-C; resolves with the exit code once the stack (and so every child) has stopped. */
export async function stop(started: Launch): Promise<number | null> {
  if (started.child.exitCode !== null) return started.child.exitCode;
  const exited = once(started.child, 'exit');
  started.child.kill('SIGINT');
  const [code] = (await exited) as [number | null];
  return code;
}

/** For afterAll: a failed test must not leave a stack (and its detached children) running. */
export async function stopAllLaunched(): Promise<void> {
  await Promise.all([...launched].map(stop));
}
