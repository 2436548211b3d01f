// @perp/identity: the local stand-in for Cognito. A launcher runs it as a process (its entry is in
// @perp/local-stack's ENTRY_POINTS) with the IDENTITY_* variables; the rest serves tests and tools
// that mint tokens in-process.

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
