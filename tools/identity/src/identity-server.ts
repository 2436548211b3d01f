import { createMetricsRegistry, createServiceHttp } from '@perp/http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { IdentityEndpoints } from './config.ts';
import type { SigningKey } from './signing-key.ts';

export interface IdentityServerOptions {
  readonly key: SigningKey;
  readonly endpoints: IdentityEndpoints;
  readonly logger: FastifyBaseLogger;
  /** True while shutting down: /ready answers 503. */
  readonly isDraining?: () => boolean;
}

// Verifiers cache the key set themselves and refetch on an unknown kid; this only spares them a
// request when they restart.
const JWKS_CACHE_CONTROL = 'public, max-age=300';

/**
 * The discovery half of an OpenID provider: what a verifier needs to check tokens (the public key
 * set and where it is). Tokens themselves come from the token CLI; there is no login here.
 */
export function buildIdentityServer(options: IdentityServerOptions): FastifyInstance {
  const app = createServiceHttp({
    service: 'identity',
    registry: createMetricsRegistry('identity'),
    logger: options.logger,
    ...(options.isDraining ? { isDraining: options.isDraining } : {}),
  });
  const jwks = { keys: [options.key.publicJwk] };
  const discovery = {
    issuer: options.endpoints.issuer,
    jwks_uri: options.endpoints.jwksUri,
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
  return app;
}
