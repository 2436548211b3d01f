// Field names that carry secrets anywhere in a log line. pino's redaction matches exact paths, so
// each name is listed at the top level and one and two levels down, plus the HTTP header paths.
const SECRET_FIELDS = [
  'password',
  'passwd',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'jwt',
  'apiKey',
  'apiSecret',
  'privateKey',
  'mnemonic',
  'authorization',
  'cookie',
  'botToken',
  'secretAccessKey',
  'sessionToken',
] as const;

export const REDACTED = '[REDACTED]';

export function redactPaths(extra: readonly string[] = []): string[] {
  const paths = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);
  return [
    ...paths,
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["sec-websocket-protocol"]',
    'headers.authorization',
    ...extra,
  ];
}

// Credentials embedded in connection strings (postgres://user:pass@host, and redis://:pass@host
// with no user) and bearer tokens inside free text (error messages) are not reachable by path, so
// strings are scrubbed as well.
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@/\s]+@/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

export function scrubSecrets(text: string): string {
  return text
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(JWT, REDACTED);
}
