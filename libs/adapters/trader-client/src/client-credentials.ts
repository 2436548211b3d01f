import { reloginAtMs } from './token-expiry.ts';

export interface ClientCredentialsOptions {
  /** The OAuth 2.0 token endpoint: Cognito's `https://<domain>/oauth2/token`. */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Space-separated scopes, e.g. `perp-api/trade`; the client's all when omitted. */
  readonly scope?: string;
  /** Abandons a request to the endpoint after this long (default 10 s). */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/**
 * The token endpoint refused or failed. `retryable`: the endpoint was unreachable or answered 5xx
 * or 429 (ask again later); otherwise the credentials or the request are wrong (fix the config).
 * `oauthError` is RFC 6749's `error` code when the endpoint sent one. Never carries the secret.
 */
export class TokenEndpointError extends Error {
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly oauthError: string | undefined;

  constructor(
    message: string,
    details: { retryable: boolean; status?: number; oauthError?: string; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'TokenEndpointError';
    this.retryable = details.retryable;
    this.status = details.status;
    this.oauthError = details.oauthError;
  }
}

interface CachedToken {
  readonly token: string;
  readonly refreshAtMs: number;
  readonly expiresAtMs: number;
}

/**
 * Access tokens of a machine client by the OAuth 2.0 client-credentials grant (RFC 6749 §4.4), as
 * Cognito issues them to a bot's app client. `get()` answers from memory until the token is due
 * for refresh, asks the endpoint once however many callers wait, and while the endpoint fails
 * keeps answering with a token that has not expired yet. Pass `() => tokens.get()` as the
 * trader client's `token`: it then logs in again on the open socket before expiry.
 */
export class ClientCredentialsTokens {
  readonly #options: ClientCredentialsOptions;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  #cached: CachedToken | undefined;
  #inFlight: Promise<string> | undefined;

  constructor(options: ClientCredentialsOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? Date.now;
  }

  async get(): Promise<string> {
    const cached = this.#cached;
    const now = this.#now();
    if (cached && now < cached.refreshAtMs) return cached.token;
    this.#inFlight ??= this.#request().finally(() => (this.#inFlight = undefined));
    try {
      return await this.#inFlight;
    } catch (error) {
      // A refresh that failed early is no reason to drop a token that still works.
      if (cached && this.#now() < cached.expiresAtMs - 1_000) return cached.token;
      throw error;
    }
  }

  async #request(): Promise<string> {
    const { tokenUrl, clientId, clientSecret, scope } = this.#options;
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scope !== undefined) body.set('scope', scope);
    // RFC 6749 §2.3.1: each part form-urlencoded before the Basic encoding.
    const basic = Buffer.from(
      `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`,
    ).toString('base64');
    const startedAt = this.#now();
    let response: Response;
    try {
      response = await this.#fetch(tokenUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new TokenEndpointError(`token endpoint ${tokenUrl} unreachable`, {
        retryable: true,
        cause: error,
      });
    }
    const answer = (await response.json().catch(() => undefined)) as
      Readonly<Record<string, unknown>> | undefined;
    if (!response.ok) {
      const oauthError = typeof answer?.['error'] === 'string' ? answer['error'] : undefined;
      const description =
        typeof answer?.['error_description'] === 'string' ? `: ${answer['error_description']}` : '';
      throw new TokenEndpointError(
        `token endpoint answered ${response.status}${oauthError ? ` ${oauthError}` : ''}${description} (client ${clientId})`,
        {
          retryable: response.status >= 500 || response.status === 429,
          status: response.status,
          ...(oauthError === undefined ? {} : { oauthError }),
        },
      );
    }
    const token = answer?.['access_token'];
    const expiresIn = answer?.['expires_in'];
    if (
      typeof token !== 'string' ||
      token === '' ||
      typeof expiresIn !== 'number' ||
      expiresIn <= 0
    )
      throw new TokenEndpointError(
        `token endpoint ${tokenUrl} answered 200 without access_token and expires_in`,
        { retryable: true, status: response.status },
      );
    // From when the request left: the endpoint's clock started the lifetime no later than that.
    const expiresAtMs = startedAt + expiresIn * 1000;
    this.#cached = { token, expiresAtMs, refreshAtMs: reloginAtMs(expiresAtMs, startedAt) };
    return token;
  }
}
