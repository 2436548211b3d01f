// The OAuth 2.0 token endpoint for machine clients (the client-credentials grant, RFC 6749 §4.4),
// as Cognito answers it at /oauth2/token: a bot authenticates as its app client and gets an
// access token for its account and scopes, and asks again before that one expires.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import { issueAccessToken } from './access-token.ts';
import type { MachineClient, MachineClients } from './machine-clients.ts';
import type { SigningKey } from './signing-key.ts';
import { isScopeToken } from './token-args.ts';

/** Cognito's path of the token endpoint. */
export const TOKEN_ENDPOINT_PATH = '/oauth2/token';
/** The realm of the `WWW-Authenticate: Basic` challenge that comes with `invalid_client`. */
export const TOKEN_ENDPOINT_REALM = 'perp-local';

export type TokenErrorCode =
  'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

export interface TokenEndpointOptions {
  readonly key: SigningKey;
  readonly issuer: string;
  readonly clients: MachineClients;
  /** `expires_in` of every token issued. */
  readonly ttlSeconds: number;
  readonly registry: Registry;
}

const FORM = 'application/x-www-form-urlencoded';
// A token request is a few short parameters.
const BODY_LIMIT = 8 * 1024;
const NOT_A_FORM = Symbol('not a form');
const TOKEN_ERRORS: readonly TokenErrorCode[] = [
  'invalid_request',
  'invalid_client',
  'unsupported_grant_type',
  'invalid_scope',
];
// Compared against when the client is unknown, so an unknown id costs the same as a wrong secret.
const NO_SECRET_HASH = Buffer.alloc(32);
// Unknown client and wrong secret answer the same, so the answer does not tell which ids exist.
const AUTHENTICATION_FAILED = 'client authentication failed';

interface Refusal {
  readonly refused: TokenErrorCode;
  /** RFC 6749 §5.2: printable ASCII without `"` and `\`; never quotes the request. */
  readonly description: string;
  /** For the log only, never in the answer. */
  readonly reason?: string;
  readonly clientId?: string;
}

const refuse = (
  refused: TokenErrorCode,
  description: string,
  log: Pick<Refusal, 'reason' | 'clientId'> = {},
): Refusal => ({ refused, description, ...log });

interface Credentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

// RFC 6749 §2.3.1: the id and the secret are form-urlencoded before they are joined and encoded.
function formDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

function basicCredentials(header: string): Credentials | undefined {
  const match = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return {
      clientId: formDecode(decoded.slice(0, colon)),
      clientSecret: formDecode(decoded.slice(colon + 1)),
    };
  } catch {
    return undefined;
  }
}

/** The parameters, each once (RFC 6749 §3.2); one without a value counts as omitted. */
function formParameters(text: string): Map<string, string> | Refusal {
  const parameters = new Map<string, string>();
  const seen = new Set<string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (seen.has(name))
      return refuse(
        'invalid_request',
        /^[a-z_]{1,32}$/.test(name) ? `${name} is given more than once` : 'a parameter is repeated',
      );
    seen.add(name);
    if (value !== '') parameters.set(name, value);
  }
  return parameters;
}

function credentialsOf(
  authorization: string | undefined,
  parameters: ReadonlyMap<string, string>,
): Credentials | Refusal {
  const bodyId = parameters.get('client_id');
  const bodySecret = parameters.get('client_secret');
  if (authorization !== undefined) {
    if (bodySecret !== undefined)
      return refuse(
        'invalid_request',
        'use one client authentication method: HTTP Basic or client_id and client_secret in the body, not both',
      );
    const basic = basicCredentials(authorization);
    if (!basic)
      return refuse('invalid_client', AUTHENTICATION_FAILED, {
        reason: 'Authorization is not HTTP Basic with client_id:client_secret',
      });
    // RFC 6749 §3.2.1 lets a client name itself in the body as well; then both must agree.
    if (bodyId !== undefined && bodyId !== basic.clientId)
      return refuse(
        'invalid_request',
        'client_id in the body is not the client of the Authorization header',
      );
    return basic;
  }
  if (bodyId === undefined)
    return refuse('invalid_client', AUTHENTICATION_FAILED, { reason: 'no client authentication' });
  if (bodySecret === undefined)
    return refuse('invalid_client', AUTHENTICATION_FAILED, { reason: 'client_secret is missing' });
  return { clientId: bodyId, clientSecret: bodySecret };
}

function authenticate(clients: MachineClients, credentials: Credentials): MachineClient | Refusal {
  const client = clients.get(credentials.clientId);
  const expected = client ? Buffer.from(client.clientSecretSha256, 'hex') : NO_SECRET_HASH;
  const given = createHash('sha256').update(credentials.clientSecret, 'utf8').digest();
  const matches = timingSafeEqual(given, expected);
  if (client && matches) return client;
  // The id of a known client is logged; an unknown one may be a secret typed in the wrong field.
  return client
    ? refuse('invalid_client', AUTHENTICATION_FAILED, {
        reason: 'wrong secret',
        clientId: client.clientId,
      })
    : refuse('invalid_client', AUTHENTICATION_FAILED, { reason: 'unknown client' });
}

/** The requested scopes (space-separated), all the client's when none are asked for. */
function grantedScopes(client: MachineClient, scope: string | undefined): string[] | Refusal {
  if (scope === undefined) return [...client.scopes];
  const names = scope.split(' ').filter((name) => name !== '');
  if (names.length === 0) return refuse('invalid_scope', 'scope names no scope');
  for (const name of names) {
    if (!isScopeToken(name))
      return refuse('invalid_scope', 'scope is not a space-separated list of scope-tokens');
    if (!client.scopes.includes(name))
      return refuse('invalid_scope', `scope '${name}' is not granted to this client`, {
        clientId: client.clientId,
      });
  }
  return [...new Set(names)];
}

const isRefusal = (value: object): value is Refusal => 'refused' in value;

/**
 * Registers `POST /oauth2/token` in a scope of its own: only form bodies are parsed there, and
 * every answer, a parse failure too, is RFC 6749's (§5.1 a token, §5.2 an error) as JSON.
 */
export function registerTokenEndpoint(app: FastifyInstance, options: TokenEndpointOptions): void {
  const registers = [options.registry];
  const issued = new Counter({
    name: 'identity_tokens_issued_total',
    help: 'Access tokens issued by the token endpoint (client-credentials grant), by client',
    labelNames: ['client_id'] as const,
    registers,
  });
  const refused = new Counter({
    name: 'identity_token_requests_refused_total',
    help: 'Token endpoint requests refused, by OAuth 2.0 error code',
    labelNames: ['error'] as const,
    registers,
  });
  for (const error of TOKEN_ERRORS) refused.inc({ error }, 0);
  for (const clientId of options.clients.keys()) issued.inc({ client_id: clientId }, 0);

  const sendRefusal = (request: FastifyRequest, reply: FastifyReply, refusal: Refusal) => {
    refused.inc({ error: refusal.refused });
    request.log.info(
      {
        oauthError: refusal.refused,
        description: refusal.description,
        ...(refusal.reason === undefined ? {} : { reason: refusal.reason }),
        ...(refusal.clientId === undefined ? {} : { clientId: refusal.clientId }),
      },
      'token request refused',
    );
    reply
      .code(refusal.refused === 'invalid_client' ? 401 : 400)
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache');
    // A 401 names the scheme to use (RFC 9110 §15.5.2; RFC 6749 §5.2 when Basic was tried).
    if (refusal.refused === 'invalid_client')
      reply.header('www-authenticate', `Basic realm="${TOKEN_ENDPOINT_REALM}"`);
    return reply.send({ error: refusal.refused, error_description: refusal.description });
  };

  const answer = async (
    request: FastifyRequest,
  ): Promise<{ client: MachineClient; scopes: string[]; token: string } | Refusal> => {
    const body = request.body;
    if (body === NOT_A_FORM) return refuse('invalid_request', `the body must be ${FORM}`);
    const parameters = formParameters(typeof body === 'string' ? body : '');
    if (isRefusal(parameters)) return parameters;
    const grantType = parameters.get('grant_type');
    if (grantType === undefined) return refuse('invalid_request', 'grant_type is missing');
    const credentials = credentialsOf(request.headers.authorization, parameters);
    if (isRefusal(credentials)) return credentials;
    const client = authenticate(options.clients, credentials);
    if (isRefusal(client)) return client;
    if (grantType !== 'client_credentials')
      return refuse('unsupported_grant_type', 'only grant_type client_credentials is supported', {
        clientId: client.clientId,
      });
    const scopes = grantedScopes(client, parameters.get('scope'));
    if (isRefusal(scopes)) return scopes;
    // Shaped like Cognito's: the app client is `client_id` and `sub`, what verifiers take as audience.
    const token = await issueAccessToken(
      { key: options.key, issuer: options.issuer, clientId: client.clientId },
      { accountId: client.accountId, roles: [], scopes, ttlSeconds: options.ttlSeconds },
    );
    return { client, scopes, token };
  };

  void app.register(async (routes) => {
    // Only this scope's parsers: JSON and text bodies are refused here, not parsed.
    routes.removeAllContentTypeParsers();
    routes.addContentTypeParser(
      FORM,
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    routes.addContentTypeParser(
      '*',
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_request, _body, done) => done(null, NOT_A_FORM),
    );
    routes.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status < 500)
        return sendRefusal(
          request,
          reply,
          refuse(
            'invalid_request',
            status === 413 ? 'the body is too large' : 'the body cannot be read',
          ),
        );
      request.log.error({ err: error }, 'token endpoint failed');
      return reply
        .code(500)
        .header('cache-control', 'no-store')
        .send({ error: 'server_error', error_description: 'the token endpoint failed' });
    });

    routes.post(TOKEN_ENDPOINT_PATH, async (request, reply) => {
      const result = await answer(request);
      if (isRefusal(result)) return sendRefusal(request, reply, result);
      issued.inc({ client_id: result.client.clientId });
      request.log.info(
        {
          clientId: result.client.clientId,
          scope: result.scopes.join(' '),
          expiresIn: options.ttlSeconds,
        },
        'issued a client-credentials token',
      );
      return reply
        .header('cache-control', 'no-store')
        .header('pragma', 'no-cache')
        .send({ access_token: result.token, expires_in: options.ttlSeconds, token_type: 'Bearer' });
    });
  });
}
