import { AccountId, Role } from '@perp/contracts';
import type { JWTPayload } from 'jose';
import { AuthError } from './auth-error.ts';

/** Who a verified access token speaks for. */
export interface Principal {
  readonly accountId: AccountId;
  /**
   * The known roles among the token's `cognito:groups`, or, for a client-credentials token, the
   * roles its scopes grant; empty when it names none.
   */
  readonly roles: readonly Role[];
  /** The token's `exp`, in ms since the epoch: after it the session is no longer authenticated. */
  readonly expiresAt: number;
  /**
   * The token's `sub`: the identity at the issuer (a UUID for a Cognito user, the app client id
   * for a machine client), kept for audit.
   */
  readonly subject: string;
}

const ACCOUNT_CLAIM = 'custom:account_id';
const GROUPS_CLAIM = 'cognito:groups';

/** The resource server identifier (and its `/`) of the platform's scopes in Cognito. */
export const DEFAULT_SCOPE_PREFIX = 'perp-api/';

// What a scope grants, after the prefix. Operator and admin are deliberately absent: those roles
// come from user pool groups, which a person is put in, never from what an app client may request.
// A Map, not an object: `perp-api/constructor` must not find Object.prototype's.
const SCOPE_ROLES: ReadonlyMap<string, Role> = new Map([
  ['trade', 'trader'],
  ['read', 'viewer'],
]);

/**
 * `custom:account_id` when the token carries it, else `sub`. A present but unusable custom claim is
 * refused rather than falling back: the issuer named an account, and it is not `sub`'s.
 */
function accountIdOf(claims: JWTPayload, subject: string): AccountId {
  const claimed = claims[ACCOUNT_CLAIM];
  const parsed = AccountId.safeParse(claimed === undefined ? subject : claimed);
  if (!parsed.success) {
    const source = claimed === undefined ? 'sub' : ACCOUNT_CLAIM;
    throw new AuthError('NO_ACCOUNT', `token claim ${source} is not a valid account id`);
  }
  return parsed.data;
}

/** Groups that are not platform roles (other apps' groups in a shared user pool) are ignored. */
function rolesOfGroups(groups: unknown): Role[] {
  if (!Array.isArray(groups)) return [];
  const roles = new Set<Role>();
  for (const group of groups) {
    const role = Role.safeParse(group);
    if (role.success) roles.add(role.data);
  }
  return [...roles];
}

/**
 * A client-credentials (machine) token: Cognito makes its `sub` the app client id and gives it no
 * groups. A user's token has a user id as `sub`, so a user without groups gets no role from scopes
 * even where the user's app client may request the platform's scopes.
 */
function isClientCredentials(claims: JWTPayload & { sub: string }): boolean {
  return claims[GROUPS_CLAIM] === undefined && claims['client_id'] === claims.sub;
}

/** `scope` is space-separated (RFC 6749); scopes of other resource servers are ignored. */
function rolesOfScopes(scope: unknown, prefix: string): Role[] {
  if (typeof scope !== 'string') return [];
  const roles = new Set<Role>();
  for (const name of scope.split(' ')) {
    if (!name.startsWith(prefix)) continue;
    const role = SCOPE_ROLES.get(name.slice(prefix.length));
    if (role) roles.add(role);
  }
  return [...roles];
}

/** The principal of claims whose signature, issuer, audience and lifetime were already checked. */
export function principalFromClaims(
  claims: JWTPayload & { sub: string; exp: number },
  scopePrefix: string = DEFAULT_SCOPE_PREFIX,
): Principal {
  const roles = isClientCredentials(claims)
    ? rolesOfScopes(claims['scope'], scopePrefix)
    : rolesOfGroups(claims[GROUPS_CLAIM]);
  return Object.freeze({
    accountId: accountIdOf(claims, claims.sub),
    roles: Object.freeze(roles),
    expiresAt: claims.exp * 1000,
    subject: claims.sub,
  });
}
