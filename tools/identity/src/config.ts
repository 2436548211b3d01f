import { resolve } from 'node:path';
import { int, loadConfigOrExit, oneOf, str, url } from '@perp/config';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

export const DEFAULT_IDENTITY_PORT = 9104;
export const DEFAULT_IDENTITY_AUDIENCE = 'perp-local';
/** Where `npm start` and `npm run token` both find the signing key unless told otherwise. */
export const DEFAULT_IDENTITY_DATA_DIR = resolve(workspaceRoot, '.local/identity');
/** Cognito's default access token lifetime for an app client: one hour. */
export const DEFAULT_CLIENT_TOKEN_TTL_SECONDS = 3600;

/**
 * The issuer's environment. The server and the token CLI read the same variables, so a token
 * printed by the CLI names the issuer the server announces.
 */
export const IDENTITY_ENV = {
  IDENTITY_HOST: str().default('127.0.0.1'),
  // Not 0 (any free port): the issuer URL inside every token is derived from it.
  IDENTITY_PORT: int(1, 65_535).default(DEFAULT_IDENTITY_PORT),
  /** The `iss` of every token; `http://IDENTITY_HOST:IDENTITY_PORT` when unset. */
  IDENTITY_ISSUER: url(['http', 'https']).optional(),
  /** The `client_id` of every token: what verifiers are configured with as their audience. */
  IDENTITY_AUDIENCE: str().default(DEFAULT_IDENTITY_AUDIENCE),
  /** The signing key's folder (private: git-ignored, mode 0700); relative to the working directory. */
  IDENTITY_DATA_DIR: str().default(DEFAULT_IDENTITY_DATA_DIR),
  /**
   * The machine (client-credentials) app clients, a JSON file (see machine-clients.ts); relative to
   * the working directory. Unset: none, and the token endpoint answers `invalid_client` to all.
   */
  IDENTITY_CLIENTS_FILE: str().optional(),
  /** `expires_in` of the tokens the token endpoint issues (Cognito: 5 min to 1 day, 1 h default). */
  IDENTITY_CLIENT_TOKEN_TTL_SECONDS: int(2, 86_400).default(DEFAULT_CLIENT_TOKEN_TTL_SECONDS),
  LOG_LEVEL: oneOf(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
};

export function readIdentityConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
) {
  return loadConfigOrExit(IDENTITY_ENV, env);
}

export type IdentityConfig = ReturnType<typeof readIdentityConfig>;

export interface IdentityEndpoints {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly openidConfigurationUri: string;
  /** The OAuth 2.0 token endpoint (client-credentials grant), at Cognito's path. */
  readonly tokenEndpoint: string;
}

/** The issuer and its URLs (OpenID Connect Discovery: below the issuer's path). */
export function identityEndpoints(
  config: Pick<IdentityConfig, 'IDENTITY_HOST' | 'IDENTITY_PORT' | 'IDENTITY_ISSUER'>,
): IdentityEndpoints {
  const host = config.IDENTITY_HOST.includes(':')
    ? `[${config.IDENTITY_HOST}]`
    : config.IDENTITY_HOST;
  const issuer = config.IDENTITY_ISSUER ?? `http://${host}:${config.IDENTITY_PORT}`;
  const base = issuer.replace(/\/+$/, '');
  return {
    issuer,
    jwksUri: `${base}/.well-known/jwks.json`,
    openidConfigurationUri: `${base}/.well-known/openid-configuration`,
    tokenEndpoint: `${base}/oauth2/token`,
  };
}
