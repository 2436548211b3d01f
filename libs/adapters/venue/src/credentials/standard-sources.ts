import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  envSource,
  fileSource,
  secretsManagerSource,
  type CredentialSource,
} from './credential-sources.ts';
import { VenueCredentialStore } from './credential-store.ts';

export interface StandardCredentialsOptions {
  /** Read Secrets Manager's `perp/<environment>/venue-keys/…` first, when set (production). */
  readonly environment?: string | undefined;
  /** The git-ignored keys file (local use). */
  readonly keysFile: string;
  /** For `VENUE_KEYS_<VENUE>_<ACCOUNT>`, and AWS_REGION / SECRETS_MANAGER_ENDPOINT. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The credential store every process uses: Secrets Manager (when an environment is named), then
 * the keys file, then the environment; the first that holds a venue account's keys wins.
 * `close` releases the Secrets Manager client.
 */
export function standardCredentialStore(options: StandardCredentialsOptions): {
  readonly store: VenueCredentialStore;
  readonly sources: readonly CredentialSource[];
  close(): void;
} {
  const sources: CredentialSource[] = [];
  let secrets: SecretsManagerClient | undefined;
  if (options.environment !== undefined) {
    const endpoint = options.env['SECRETS_MANAGER_ENDPOINT'];
    secrets = new SecretsManagerClient({
      region: options.env['AWS_REGION'] ?? 'us-east-1',
      ...(endpoint ? { endpoint } : {}),
      maxAttempts: 2,
    });
    sources.push(secretsManagerSource({ client: secrets, environment: options.environment }));
  }
  sources.push(fileSource(options.keysFile), envSource(options.env));
  return {
    store: new VenueCredentialStore({ sources }),
    sources,
    close: () => secrets?.destroy(),
  };
}
