import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey, SIGNING_KEY_FILE } from './signing-key.ts';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const root = await mkdtemp(join(tmpdir(), 'identity-keys-'));
afterAll(() => rm(root, { recursive: true, force: true }));
let folders = 0;
const freshDir = () => join(root, `data-${++folders}`, 'identity');

describe('loadOrCreateSigningKey', () => {
  it('creates a private key file readable by its owner only, in a private folder', async () => {
    const dir = freshDir();
    const key = await loadOrCreateSigningKey(dir);
    expect(key).toMatchObject({ alg: 'ES256', created: true });
    expect((await stat(join(dir, SIGNING_KEY_FILE))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(await readFile(join(dir, SIGNING_KEY_FILE), 'utf8')) as object;
    expect(stored).toMatchObject({ kty: 'EC', crv: 'P-256', kid: key.kid, d: expect.any(String) });
  });

  it('returns the same key on every later call', async () => {
    const dir = freshDir();
    const first = await loadOrCreateSigningKey(dir);
    const again = await loadOrCreateSigningKey(dir);
    expect(again).toMatchObject({ kid: first.kid, created: false });
    expect(again.publicJwk).toEqual(first.publicJwk);
  });

  it('ends up with one key when several callers start on an empty folder at once', async () => {
    const dir = freshDir();
    const keys = await Promise.all(Array.from({ length: 6 }, () => loadOrCreateSigningKey(dir)));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(keys.filter((k) => k.created)).toHaveLength(1);
  });

  it.each(['ES256', 'RS256'] as const)('publishes no private member of an %s key', async (alg) => {
    const key = await loadOrCreateSigningKey(freshDir(), { alg });
    expect(key.alg).toBe(alg);
    for (const member of PRIVATE_MEMBERS) expect(key.publicJwk).not.toHaveProperty(member);
    expect(key.publicJwk).toMatchObject({ kid: key.kid, alg, use: 'sig' });
  });

  it('refuses a damaged key file without quoting it', async () => {
    const dir = freshDir();
    await loadOrCreateSigningKey(dir);
    const path = join(dir, SIGNING_KEY_FILE);
    await writeFile(path, '{"kty":"EC","d":"sekrit-material"');
    await expect(loadOrCreateSigningKey(dir)).rejects.toThrowError(/is not JSON; delete it/);
    await writeFile(path, '{"kty":"EC","d":"sekrit-material","kid":"k","alg":"HS256"}');
    const error = (await loadOrCreateSigningKey(dir).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/not an ES256\/RS256 private JWK/);
    expect(error.message).not.toContain('sekrit');
  });
});
