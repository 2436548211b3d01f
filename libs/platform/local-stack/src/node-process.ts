import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { waitUntil } from '@perp/test-services';
import { WORKSPACE_ROOT, nodeArgs } from './entry-points.ts';

/** A program of the workspace started as a child process, its output collected. */
export interface StartedProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** What it printed on stdout alone (a program's documents, without its diagnostics). */
  stdout(): string;
  /** Resolves once the output contains `text`; throws with the output if it exits first. */
  untilOutput(text: string, timeoutMs: number): Promise<void>;
  /** Resolves with the exit code, or the signal, once it has exited (however it came to). */
  readonly exited: Promise<number | string | null>;
  /** SIGTERM (or `signal`); resolves with the exit code, or the signal, once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

export interface StartOptions {
  readonly args?: readonly string[];
  /** On top of this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Inherited variables the program must not see (a test wants a clean slate). */
  readonly unset?: (name: string) => boolean;
  /** Each complete line as it is printed (stdout and stderr). */
  readonly onLine?: (line: string) => void;
}

const started = new Set<StartedProcess>();

export function startNodeProcess(entry: string, options: StartOptions = {}): StartedProcess {
  const child = spawn(process.execPath, nodeArgs(entry, options.args), {
    cwd: WORKSPACE_ROOT,
    env: { ...inheritedEnv(options.unset), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  let partial = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    if (!options.onLine) return;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) options.onLine(line);
  };
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = (once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>).then(
    ([code, signal]) => code ?? signal,
  );
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;

  const handle: StartedProcess = {
    child,
    output: () => output,
    stdout: () => stdout,
    exited,
    async untilOutput(text, timeoutMs) {
      try {
        await waitUntil(async () => output.includes(text), {
          timeoutMs,
          intervalMs: 50,
          abortIf: () =>
            hasExited() ? new Error(`exited (${child.exitCode ?? child.signalCode})`) : undefined,
        });
      } catch (error) {
        throw new Error(`no "${text}" from ${entry}: ${(error as Error).message}\n${output}`, {
          cause: error,
        });
      }
    },
    async stop(signal = 'SIGTERM') {
      if (!hasExited()) child.kill(signal);
      return exited;
    },
  };
  started.add(handle);
  child.once('exit', () => started.delete(handle));
  return handle;
}

/** For afterAll: a failed test must not leave a program (and the children it started) running. */
export async function stopAllProcesses(signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
  await Promise.all([...started].map((process) => process.stop(signal)));
}

export interface ProgramRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export type RunOptions = Pick<StartOptions, 'env' | 'unset'>;

function inheritedEnv(unset: ((name: string) => boolean) | undefined): NodeJS.ProcessEnv {
  if (!unset) return process.env;
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !unset(name)));
}

/** Runs a program to its end, as a user runs it from a shell; never throws on a non-zero exit. */
export async function runNodeProgram(
  entry: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<ProgramRun> {
  const child = spawn(process.execPath, nodeArgs(entry, args), {
    cwd: WORKSPACE_ROOT,
    env: { ...inheritedEnv(options.unset), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code: number | null) => resolve({ code, stdout, stderr }));
  });
}
