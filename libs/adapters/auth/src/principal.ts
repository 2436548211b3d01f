import { AccountId, Role } from '@perp/contracts';
import type { JWTPayload } from 'jose';
import { AuthError } from './auth-error.ts';

/** Who a verified access token speaks for. */
export interface Principal {
  readonly accountId: AccountId;
  /** The known roles among the token's `cognito:groups`; empty when it names none. */
  readonly roles: readonly Role[];
  /** The token's `exp`, in ms since the epoch: after it the session is no longer authenticated. */
  readonly expiresAt: number;
  /** The token's `sub`: the identity at the issuer (a UUID for Cognito), kept for audit. */
  readonly subject: string;
}

const ACCOUNT_CLAIM = 'custom:account_id';
const GROUPS_CLAIM = 'cognito:groups';

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
function rolesOf(claims: JWTPayload): Role[] {
  const groups = claims[GROUPS_CLAIM];
  if (!Array.isArray(groups)) return [];
  const roles = new Set<Role>();
  for (const group of groups) {
    const role = Role.safeParse(group);
    if (role.success) roles.add(role.data);
  }
  return [...roles];
}

/** The principal of claims whose signature, issuer, audience and lifetime were already checked. */
export function principalFromClaims(claims: JWTPayload & { sub: string; exp: number }): Principal {
  return Object.freeze({
    accountId: accountIdOf(claims, claims.sub),
    roles: Object.freeze(rolesOf(claims)),
    expiresAt: claims.exp * 1000,
    subject: claims.sub,
  });
}
