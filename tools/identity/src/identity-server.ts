import { createMetricsRegistry, createServiceHttp } from '@perp/http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { DEFAULT_CLIENT_TOKEN_TTL_SECONDS, type IdentityEndpoints } from './config.ts';
import type { MachineClients } from './machine-clients.ts';
import type { SigningKey } from './signing-key.ts';
import { registerTokenEndpoint } from './token-endpoint.ts';

export interface IdentityServerOptions {
  readonly key: SigningKey;
  readonly endpoints: IdentityEndpoints;
  readonly logger: FastifyBaseLogger;
  /** True while shutting down: /ready answers 503. */
  readonly isDraining?: () => boolean;
  /** Who may get tokens from the token endpoint; none when omitted (all are `invalid_client`). */
  readonly clients?: MachineClients;
  /** `expires_in` of the token endpoint's tokens (default 3600 s, Cognito's). */
  readonly clientTokenTtlSeconds?: number;
}

// Verifiers cache the key set themselves and refetch on an unknown kid; this only spares them a
// request when they restart.
const JWKS_CACHE_CONTROL = 'public, max-age=300';

/**
 * The discovery half of an OpenID provider (what a verifier needs to check tokens: the public key
 * set and where it is) and the token endpoint for machine clients (client-credentials grant).
 * Tokens for people come from the token CLI; there is no login here.
 */
export function buildIdentityServer(options: IdentityServerOptions): FastifyInstance {
  const registry = createMetricsRegistry('identity');
  const app = createServiceHttp({
    service: 'identity',
    registry,
    logger: options.logger,
    ...(options.isDraining ? { isDraining: options.isDraining } : {}),
  });
  const jwks = { keys: [options.key.publicJwk] };
  const discovery = {
    issuer: options.endpoints.issuer,
    jwks_uri: options.endpoints.jwksUri,
    token_endpoint: options.endpoints.tokenEndpoint,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    response_types_supported: ['token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [options.key.alg],
    claims_supported: [
      'iss',
      'sub',
      'client_id',
      'token_use',
      'custom:account_id',
      'cognito:groups',
      'scope',
    ],
  };
  app.get('/.well-known/jwks.json', async (_request, reply) =>
    reply.header('cache-control', JWKS_CACHE_CONTROL).send(jwks),
  );
  app.get('/.well-known/openid-configuration', async () => discovery);
  registerTokenEndpoint(app, {
    key: options.key,
    issuer: options.endpoints.issuer,
    clients: options.clients ?? new Map(),
    ttlSeconds: options.clientTokenTtlSeconds ?? DEFAULT_CLIENT_TOKEN_TTL_SECONDS,
    registry,
  });
  return app;
}
