import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';
import { publicJwkOf } from './public-jwk.ts';

export type SigningAlgorithm = 'ES256' | 'RS256';

export interface SigningKey {
  /** The key's RFC 7638 thumbprint: stable for the key, so a restart announces the same kid. */
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly privateKey: CryptoKey;
  /** What the JWKS publishes: public members only. */
  readonly publicJwk: JWK;
  /** Whether this call generated the key (first use of the data folder). */
  readonly created: boolean;
}

export const SIGNING_KEY_FILE = 'signing-key.json';

const ALGORITHMS: readonly string[] = ['ES256', 'RS256'];

async function readKeyFile(path: string): Promise<JWK | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // The file's content is a private key: problems are described, never quoted.
  let jwk: JWK;
  try {
    jwk = JSON.parse(text) as JWK;
  } catch {
    throw new Error(`${path} is not JSON; delete it to create a new signing key`);
  }
  if (
    typeof jwk.d !== 'string' ||
    typeof jwk.kid !== 'string' ||
    !ALGORITHMS.includes(jwk.alg ?? '')
  )
    throw new Error(`${path} is not an ES256/RS256 private JWK; delete it to create a new one`);
  return jwk;
}

async function generateJwk(alg: SigningAlgorithm): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg, use: 'sig' };
}

/**
 * Writes `text` to `path` only if no file is there, atomically: a token CLI and the server starting
 * together on a fresh folder must end up with one key, and neither may read a half-written file.
 * The temporary file is created 0600, so the key is never readable by others, not even briefly.
 */
async function createExclusively(path: string, text: string): Promise<boolean> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, text, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
}

async function signingKeyOf(jwk: JWK, created: boolean): Promise<SigningKey> {
  const alg = jwk.alg as SigningAlgorithm;
  const privateKey = await importJWK(jwk, alg);
  if (privateKey instanceof Uint8Array) throw new Error('expected an asymmetric signing key');
  return { kid: jwk.kid as string, alg, privateKey, publicJwk: publicJwkOf(jwk), created };
}

/**
 * The signing key kept in `dataDir`, generated on first use. Later calls, in this process or any
 * other, return the same key until the folder is deleted.
 */
export async function loadOrCreateSigningKey(
  dataDir: string,
  options: { readonly alg?: SigningAlgorithm } = {},
): Promise<SigningKey> {
  const path = join(dataDir, SIGNING_KEY_FILE);
  const existing = await readKeyFile(path);
  if (existing) return signingKeyOf(existing, false);

  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const jwk = await generateJwk(options.alg ?? 'ES256');
  if (await createExclusively(path, `${JSON.stringify(jwk, null, 2)}\n`))
    return signingKeyOf(jwk, true);
  // Another process created it between our read and our write: use theirs.
  const theirs = await readKeyFile(path);
  if (!theirs) throw new Error(`${path} vanished while it was being created`);
  return signingKeyOf(theirs, false);
}
