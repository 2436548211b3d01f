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
  'clientSecret',
  'client_secret',
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
const BASIC = /\b(Basic\s+)[A-Za-z0-9+/=]{8,}/g;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;
// A Telegram bot token (`<bot id>:<35 characters>`), bare or inside a Bot API URL (`/bot<token>/`),
// which network errors quote.
const TELEGRAM_BOT_TOKEN = /\b(bot)?\d{6,}:[A-Za-z0-9_-]{30,}/g;

export function scrubSecrets(text: string): string {
  return text
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(BASIC, `$1${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(TELEGRAM_BOT_TOKEN, `$1${REDACTED}`);
}
