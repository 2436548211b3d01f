import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MachineClientsError,
  hashClientSecret,
  loadMachineClients,
  parseMachineClients,
} from './machine-clients.ts';

const HASH = hashClientSecret('s3cret');
const client = (overrides: Record<string, unknown> = {}) => ({
  clientId: 'perp-local-market-maker',
  clientSecretSha256: HASH,
  accountId: 'mm',
  scopes: ['perp-api/trade'],
  ...overrides,
});
const file = (clients: unknown[]) => JSON.stringify({ clients });
const parse = (text: string) => parseMachineClients(text, 'clients.json');

describe('hashClientSecret', () => {
  it('is the sha256 of the UTF-8 secret in lowercase hex', () => {
    expect(hashClientSecret('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('parseMachineClients', () => {
  it('reads the clients by id, each scope once', () => {
    const clients = parse(
      file([
        client({ scopes: ['perp-api/trade', 'perp-api/read', 'perp-api/trade'] }),
        client({ clientId: 'perp-local-reader', accountId: 'reader', scopes: ['perp-api/read'] }),
      ]),
    );
    expect([...clients.keys()]).toEqual(['perp-local-market-maker', 'perp-local-reader']);
    expect(clients.get('perp-local-market-maker')).toEqual({
      clientId: 'perp-local-market-maker',
      clientSecretSha256: HASH,
      accountId: 'mm',
      scopes: ['perp-api/trade', 'perp-api/read'],
    });
  });

  it('takes an empty list: no machine clients', () => {
    expect(parse(file([])).size).toBe(0);
  });

  it.each([
    ['not JSON', '{"clients": [', /is not valid JSON/],
    ['a list instead of an object', '[]', /expected object/],
    ['no clients', '{}', /clients: /],
    ['an unknown member', JSON.stringify({ clients: [], extra: 1 }), /Unrecognized key/],
    ['a plain secret', file([client({ clientSecret: 's3cret' })]), /clients\[0\]: .*clientSecret/],
    [
      'an uppercase hash',
      file([client({ clientSecretSha256: HASH.toUpperCase() })]),
      /clients\[0\]\.clientSecretSha256: must be the sha256 of the secret as 64 lowercase hex/,
    ],
    [
      'a short hash',
      file([client({ clientSecretSha256: 'abc' })]),
      /clients\[0\]\.clientSecretSha256/,
    ],
    [
      'a client id with a space',
      file([client({ clientId: 'market maker' })]),
      /clients\[0\]\.clientId: must be 1 to 128 characters/,
    ],
    [
      'an account id the token CLI refuses',
      file([client({ accountId: 'not valid!' })]),
      /clients\[0\]\.accountId: must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -/,
    ],
    [
      'a scope that is not a scope-token',
      file([client({ scopes: ['perp-api/"trade"'] })]),
      /clients\[0\]\.scopes\[0\]: must be an RFC 6749 scope-token/,
    ],
    [
      'a scope with a space',
      file([client({ scopes: ['perp-api/trade perp-api/read'] })]),
      /clients\[0\]\.scopes\[0\]/,
    ],
    ['no scopes', file([client({ scopes: [] })]), /clients\[0\]\.scopes: must name at least one/],
    [
      'the same client twice',
      file([client(), client({ accountId: 'other' })]),
      /clients\[1\]\.clientId: "perp-local-market-maker" is listed more than once/,
    ],
  ])('refuses %s, naming IDENTITY_CLIENTS_FILE', (_case, text, message) => {
    expect(() => parse(text)).toThrowError(MachineClientsError);
    expect(() => parse(text)).toThrowError(/^IDENTITY_CLIENTS_FILE "clients\.json" /);
    expect(() => parse(text)).toThrowError(message);
  });

  it('never quotes the file in a JSON error: it may hold a pasted secret', () => {
    expect(() => parse('{"clients": hunter2}')).toThrowError(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});

describe('loadMachineClients', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'identity-clients-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('has no clients without a file', async () => {
    expect((await loadMachineClients(undefined)).size).toBe(0);
  });

  it('reads the file', async () => {
    const path = join(dir, 'clients.json');
    await writeFile(path, file([client()]));
    expect([...(await loadMachineClients(path)).keys()]).toEqual(['perp-local-market-maker']);
  });

  it('fails on a file it cannot read, naming the variable and the file', async () => {
    const path = join(dir, 'missing.json');
    await expect(loadMachineClients(path)).rejects.toThrowError(MachineClientsError);
    await expect(loadMachineClients(path)).rejects.toThrowError(
      `IDENTITY_CLIENTS_FILE "${path}" cannot be read: ENOENT`,
    );
  });
});
