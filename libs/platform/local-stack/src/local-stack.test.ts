import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ENTRY_POINTS,
  STACK_PORT_VARIABLES,
  TokenMintError,
  freeStackPorts,
  mintToken,
  runNodeProgram,
  startNodeProcess,
  tokenMinter,
} from './index.ts';

const dataDir = await mkdtemp(join(tmpdir(), 'local-stack-test-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('ports', () => {
  it('gives every variable of the stack its own free port', async () => {
    const ports = await freeStackPorts();
    expect(Object.keys(ports)).toEqual([...STACK_PORT_VARIABLES]);
    expect(new Set(Object.values(ports)).size).toBe(STACK_PORT_VARIABLES.length);
  });
});

describe('tokens', () => {
  it('mints a token the local issuer signed, once per account and roles', async () => {
    const mint = tokenMinter({ identityDataDir: dataDir, identityPort: '9999' });
    const token = await mint('alice', 'trader,viewer');
    const [, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as {
      iss: string;
      'custom:accountId'?: string;
    };
    expect(claims.iss).toBe('http://127.0.0.1:9999');
    expect(await mint('alice', 'trader,viewer')).toBe(token);
    expect(await mint('alice', 'trader')).not.toBe(token);
  });

  it('says why it could not mint, in the token CLI’s own words', async () => {
    const failure = await mintToken({ identityDataDir: dataDir, accountId: 'not valid!' }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TokenMintError);
    expect((failure as Error).message).toMatch(
      /^cannot mint a token for not valid!: token: .*account/,
    );
  });
});

describe('programs', () => {
  it('runs a program to its end and hands back its exit code and output', async () => {
    const run = await runNodeProgram(ENTRY_POINTS.tokenCli, ['--help'], {
      unset: (name) => name.startsWith('IDENTITY_'),
    });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^usage: npm run token/);
  });

  it('a started program that exits before its line fails the wait with its output', async () => {
    const started = startNodeProcess(ENTRY_POINTS.tokenCli, { args: ['--bogus'] });
    await expect(started.untilOutput('never printed', 10_000)).rejects.toThrow(
      /exited \(2\)[\s\S]*token: /,
    );
    expect(await started.exited).toBe(2);
  });
});
