import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { venueSecretName } from '@perp/resources';
import { VenueCredentialsError, VenueCredentialsUnavailableError } from '../venue-errors.ts';
import type { VenueAccountRef } from './venue-credentials.ts';

// Where a venue account's credentials are read from: AWS Secrets Manager in AWS (one secret per
// venue account), a git-ignored file or the environment locally. A source hands over the raw
// JSON text and a version that changes when the secret does; it never parses or logs it.

export interface SecretReading {
  readonly text: string;
  /** Changes whenever the secret does (Secrets Manager's VersionId, else a digest). */
  readonly version: string;
}

export interface CredentialSource {
  /** For messages: which source a secret came from or was missing in (never its content). */
  readonly name: string;
  /** Undefined when this source holds nothing for the account. */
  read(ref: VenueAccountRef): Promise<SecretReading | undefined>;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** `perp/<environment>/venue-keys/<venue>/<account>`, its SecretString the credentials' JSON. */
export function secretsManagerSource(options: {
  readonly client: SecretsManagerClient;
  readonly environment: string;
}): CredentialSource {
  return {
    name: `secrets-manager:perp/${options.environment}/venue-keys`,
    async read(ref) {
      const secretId = venueSecretName(options.environment, ref.venue, ref.account);
      try {
        const secret = await options.client.send(new GetSecretValueCommand({ SecretId: secretId }));
        if (secret.SecretString === undefined)
          throw new VenueCredentialsError(
            'VENUE_CREDENTIALS_INVALID',
            `secret ${secretId} holds no SecretString (binary secrets are not read)`,
          );
        return {
          text: secret.SecretString,
          version: secret.VersionId ?? digest(secret.SecretString),
        };
      } catch (error) {
        if (error instanceof VenueCredentialsError) throw error;
        if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
        // The error's name only: an SDK message may quote the request.
        throw new VenueCredentialsUnavailableError(
          `reading secret ${secretId} failed: ${(error as { name?: string }).name ?? 'error'}`,
          { cause: error },
        );
      }
    },
  };
}

/**
 * A JSON file (git-ignored, e.g. `.secrets/venue-keys.json`) keyed by `<venue>/<account>`:
 * `{ "hyperliquid/main": { "agentPrivateKey": "0x…", "masterAddress": "0x…" } }`. Read again on
 * every call (the store caches), so an edit is picked up without a restart.
 */
export function fileSource(path: string): CredentialSource {
  return {
    name: `file:${path}`,
    async read(ref) {
      let content: string;
      try {
        content = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new VenueCredentialsUnavailableError(
          `reading ${path} failed: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        );
      }
      let entries: unknown;
      try {
        entries = JSON.parse(content);
      } catch {
        throw new VenueCredentialsError('VENUE_CREDENTIALS_INVALID', `${path} is not JSON`);
      }
      const entry =
        typeof entries === 'object' && entries !== null
          ? (entries as Record<string, unknown>)[`${ref.venue}/${ref.account}`]
          : undefined;
      if (entry === undefined) return undefined;
      const text = JSON.stringify(entry);
      return { text, version: digest(text) };
    },
  };
}

/** `VENUE_KEYS_<VENUE>_<ACCOUNT>` (upper case, `-` as `_`), holding the credentials' JSON. */
export function envSource(env: Readonly<Record<string, string | undefined>>): CredentialSource {
  return {
    name: 'environment',
    async read(ref) {
      const text = env[envVariable(ref)];
      if (text === undefined || text === '') return undefined;
      return { text, version: digest(text) };
    },
  };
}

export function envVariable(ref: VenueAccountRef): string {
  return `VENUE_KEYS_${ref.venue}_${ref.account}`.toUpperCase().replaceAll('-', '_');
}
