// @perp/identity: the local stand-in for Cognito. A launcher runs it as a process (its entry is in
// @perp/local-stack's ENTRY_POINTS) with the IDENTITY_* variables; the rest serves tests and tools
// that mint tokens in-process.

export { issueAccessToken, type AccessTokenRequest, type TokenIssuer } from './access-token.ts';
export {
  DEFAULT_CLIENT_TOKEN_TTL_SECONDS,
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
  CLIENTS_FILE_VARIABLE,
  MachineClientsError,
  hashClientSecret,
  loadMachineClients,
  parseMachineClients,
  type MachineClient,
  type MachineClients,
} from './machine-clients.ts';
export {
  SIGNING_KEY_FILE,
  loadOrCreateSigningKey,
  type SigningAlgorithm,
  type SigningKey,
} from './signing-key.ts';
export {
  TOKEN_ENDPOINT_PATH,
  TOKEN_ENDPOINT_REALM,
  registerTokenEndpoint,
  type TokenEndpointOptions,
  type TokenErrorCode,
} from './token-endpoint.ts';
