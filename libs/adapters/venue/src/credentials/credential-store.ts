import { VenueCredentialsError } from '../venue-errors.ts';
import type { CredentialSource } from './credential-sources.ts';
import { Redacted } from './redacted.ts';
import {
  VENUE_CREDENTIALS,
  type CredentialedVenue,
  type VenueAccountRef,
  type VenueCredentials,
} from './venue-credentials.ts';

export interface ResolvedCredentials<V extends CredentialedVenue> {
  readonly credentials: Redacted<VenueCredentials<V>>;
  readonly version: string;
  /** The source they came from (its name), for logs. */
  readonly source: string;
}

export interface VenueCredentialStoreOptions {
  /** Asked in order; the first that holds the account wins. */
  readonly sources: readonly CredentialSource[];
  /** How long credentials are used before they are read again (default 5 minutes). */
  readonly ttlMs?: number;
  readonly clock?: () => number;
}

interface Cached {
  readonly resolved: ResolvedCredentials<CredentialedVenue>;
  readonly readAt: number;
}

/**
 * Credentials per venue account, read when first needed and again after `ttlMs` or when
 * `invalidate` says the venue refused them, so a rotated secret is picked up without a restart.
 * Values are handed out wrapped (`Redacted`): they cannot reach a log line or an error by
 * accident; parse failures name the field, never the value.
 */
export class VenueCredentialStore {
  readonly #options: VenueCredentialStoreOptions;
  readonly #cache = new Map<string, Cached>();
  readonly #reading = new Map<string, Promise<ResolvedCredentials<CredentialedVenue>>>();

  constructor(options: VenueCredentialStoreOptions) {
    this.#options = options;
  }

  async get<V extends CredentialedVenue>(ref: VenueAccountRef<V>): Promise<ResolvedCredentials<V>> {
    const key = `${ref.venue}/${ref.account}`;
    const now = (this.#options.clock ?? Date.now)();
    const cached = this.#cache.get(key);
    if (cached && now - cached.readAt < (this.#options.ttlMs ?? 300_000))
      return cached.resolved as ResolvedCredentials<V>;
    let reading = this.#reading.get(key);
    if (!reading) {
      reading = this.#read(ref).then((resolved) => {
        this.#cache.set(key, { resolved, readAt: now });
        return resolved;
      });
      this.#reading.set(key, reading);
      void reading.finally(() => this.#reading.delete(key)).catch(() => undefined);
    }
    return (await reading) as ResolvedCredentials<V>;
  }

  /** The venue refused them: the next `get` reads the sources again. */
  invalidate(ref: VenueAccountRef): void {
    this.#cache.delete(`${ref.venue}/${ref.account}`);
  }

  async #read(ref: VenueAccountRef): Promise<ResolvedCredentials<CredentialedVenue>> {
    for (const source of this.#options.sources) {
      const reading = await source.read(ref);
      if (reading === undefined) continue;
      let json: unknown;
      try {
        json = JSON.parse(reading.text);
      } catch {
        throw new VenueCredentialsError(
          'VENUE_CREDENTIALS_INVALID',
          `credentials of ${ref.venue}/${ref.account} in ${source.name} are not JSON`,
        );
      }
      const parsed = VENUE_CREDENTIALS[ref.venue].safeParse(json);
      if (!parsed.success)
        throw new VenueCredentialsError(
          'VENUE_CREDENTIALS_INVALID',
          `credentials of ${ref.venue}/${ref.account} in ${source.name} are invalid: ${parsed.error.issues
            .map((issue) => issue.message)
            .join('; ')}`,
        );
      return {
        credentials: new Redacted(parsed.data),
        version: reading.version,
        source: source.name,
      };
    }
    throw new VenueCredentialsError(
      'VENUE_CREDENTIALS_MISSING',
      `no credentials for ${ref.venue}/${ref.account} in ${this.#options.sources.map((s) => s.name).join(', ') || 'no source'}`,
    );
  }
}
