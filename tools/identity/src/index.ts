// @perp/identity: the local stand-in for Cognito. What a launcher needs to run it is IDENTITY_ENTRY
// with the IDENTITY_* variables; the rest serves tests and tools that mint tokens in-process.

/** The server's entry, relative to the workspace root; run with `node --conditions=@perp/source`. */
export const IDENTITY_ENTRY = 'tools/identity/src/main.ts';
/** The token CLI's entry, relative to the workspace root (`npm run token`). */
export const IDENTITY_TOKEN_CLI = 'tools/identity/src/token-cli.ts';

export { issueAccessToken, type AccessTokenRequest, type TokenIssuer } from './access-token.ts';
export {
  DEFAULT_IDENTITY_AUDIENCE,
  DEFAULT_IDENTITY_DATA_DIR,
  DEFAULT_IDENTITY_PORT,
  IDENTITY_ENV,
  identityEndpoints,
  readIdentityConfig,
  type IdentityConfig,
  type IdentityEndpoints,
} from './config.ts';
export { buildIdentityServer, type IdentityServerOptions } from './identity-server.ts';
export {
  SIGNING_KEY_FILE,
  loadOrCreateSigningKey,
  type SigningAlgorithm,
  type SigningKey,
} from './signing-key.ts';
