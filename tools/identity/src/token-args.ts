import { parseArgs } from 'node:util';
import { AccountId, Role } from '@perp/contracts';
import type { AccessTokenRequest } from './access-token.ts';
import { MAX_TTL_SECONDS, parseTtl } from './ttl.ts';

export const TOKEN_USAGE = `usage: npm run token -- --account <id> [--roles trader,viewer,operator,admin|none | --scope perp-api/trade] [--ttl 12h]

Prints a local access token (JWT) for <id>, signed with the local issuer's key.
  --account  account id: 1 to 64 characters of A-Z, a-z, 0-9, _ or -
  --roles    comma-separated roles, or none (default: trader)
  --scope    a machine (client-credentials) token instead: these scopes (comma- or
             space-separated, e.g. perp-api/trade), no groups, the account in custom:account_id
  --ttl      lifetime: 90s, 15m, 12h, 7d (default: 12h, at most ${MAX_TTL_SECONDS / 86_400}d)
Only the token goes to stdout; npm's own banner does too unless -s is given:
  TOKEN=$(npm run -s token -- --account alice)`;

const DEFAULT_ROLES: readonly Role[] = ['trader'];
const DEFAULT_TTL = '12h';

/** A command line that cannot be followed; its message is for the person who typed it. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type TokenCommand =
  { readonly help: true } | ({ readonly help: false } & AccessTokenRequest);

function parseRoles(text: string): Role[] {
  if (text.trim() === 'none') return [];
  const names = text.split(',').map((name) => name.trim());
  const roles = new Set<Role>();
  for (const name of names) {
    const role = Role.safeParse(name);
    if (!role.success)
      throw new UsageError(
        `--roles: unknown role "${name}"; use ${Role.options.join(', ')} (comma-separated) or none`,
      );
    roles.add(role.data);
  }
  return [...roles];
}

// RFC 6749 scope-token: printable ASCII except space, '"' and '\\'.
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** An RFC 6749 §3.3 scope-token (`perp-api/trade`): printable ASCII but space, `"` and backslash. */
export function isScopeToken(text: string): boolean {
  return SCOPE_TOKEN.test(text);
}

function parseScopes(text: string): string[] {
  const names = text.split(/[\s,]+/).filter((name) => name !== '');
  if (names.length === 0)
    throw new UsageError('--scope: name at least one scope, e.g. perp-api/trade');
  for (const name of names)
    if (!isScopeToken(name))
      throw new UsageError(`--scope: "${name}" is not a scope (printable ASCII, no quotes)`);
  return [...new Set(names)];
}

/** The token CLI's arguments (`process.argv.slice(2)`), checked. */
export function parseTokenArgs(argv: readonly string[]): TokenCommand {
  let values: { account?: string; roles?: string; scope?: string; ttl?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        account: { type: 'string' },
        roles: { type: 'string' },
        scope: { type: 'string' },
        ttl: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { help: true };

  if (values.account === undefined) throw new UsageError('--account <id> is required');
  if (!AccountId.safeParse(values.account).success)
    throw new UsageError(
      `--account: "${values.account}" is not an account id (1 to 64 characters of A-Z, a-z, 0-9, _ or -)`,
    );
  const ttl = values.ttl ?? DEFAULT_TTL;
  const ttlSeconds = parseTtl(ttl);
  if (ttlSeconds === undefined)
    throw new UsageError(
      `--ttl: "${ttl}" is not a lifetime such as 90s, 15m, 12h or 7d (1s to ${MAX_TTL_SECONDS / 86_400}d)`,
    );
  if (values.scope !== undefined) {
    // Cognito gives a client-credentials token scopes only; groups belong to users.
    if (values.roles !== undefined)
      throw new UsageError('--scope and --roles do not go together: a machine token has no groups');
    return {
      help: false,
      accountId: values.account,
      roles: [],
      scopes: parseScopes(values.scope),
      ttlSeconds,
    };
  }
  return {
    help: false,
    accountId: values.account,
    roles: values.roles === undefined ? DEFAULT_ROLES : parseRoles(values.roles),
    ttlSeconds,
  };
}
