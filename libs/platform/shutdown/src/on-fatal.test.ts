import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

const fixture = new URL('./test-support/fatal-process.ts', import.meta.url).pathname;

interface Line {
  readonly level?: string;
  readonly msg?: string;
  readonly event?: string;
  readonly err?: string;
  readonly closed?: string;
}

/** Runs the fixture with `crash`; resolves with its exit code and its JSON lines. */
async function runFixture(crash: string): Promise<{ code: number | null; lines: Line[] }> {
  const child = spawn(process.execPath, [fixture, crash], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  const lines = output
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
  // Node's own report of an uncaught error would show here: the handlers took it instead.
  expect(errors.replace(/^.*ExperimentalWarning.*\n?/gm, '')).toBe('');
  return { code, lines };
}

describe('onFatal', () => {
  it.each([
    ['an uncaught exception', 'throw', 'uncaughtException', 'thrown boom'],
    ['an unhandled rejection', 'reject', 'unhandledRejection', 'rejected boom'],
    ['a rejected top-level await', 'top-level-await', 'uncaughtException', 'startup boom'],
  ])('on %s: logs at fatal, runs the closers, exits 1', async (_case, crash, event, message) => {
    const { code, lines } = await runFixture(crash);
    expect(code).toBe(1);
    const fatal = lines.filter((line) => line.level === 'fatal');
    expect(fatal).toEqual([
      { level: 'fatal', msg: `${event}: shutting down`, event, err: message },
    ]);
    // listen() after onFatal adds no second handler: nothing is logged twice, nor at error.
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
    const closed = lines.findIndex((line) => line.closed === 'server');
    expect(closed).toBeGreaterThan(lines.indexOf(fatal[0] as Line));
    expect(lines.at(-1)).toMatchObject({ level: 'info', msg: 'shutdown complete' });
  });

  it('makes a shutdown under way (SIGTERM) exit 1, running its closers once', async () => {
    const { code, lines } = await runFixture('during-shutdown');
    expect(code).toBe(1);
    expect(lines.filter((line) => line.level === 'fatal')).toEqual([
      {
        level: 'fatal',
        msg: 'uncaughtException: shutting down',
        event: 'uncaughtException',
        err: 'boom while stopping',
      },
    ]);
    expect(lines.filter((line) => line.closed === 'server')).toHaveLength(1);
    expect(lines.filter((line) => line.msg === 'shutting down')).toHaveLength(1);
  });

  it('without a crash the process lives on (the fixture itself does not exit)', async () => {
    const child = spawn(process.execPath, [fixture, 'none'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    // Wait until the fixture says its handlers are installed: a signal before that would be
    // Node's default exit, not the shutdown under test (a slow start under load did just that).
    let output = '';
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('"ready":true')) resolve();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(child.exitCode).toBeNull();
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  });
});
