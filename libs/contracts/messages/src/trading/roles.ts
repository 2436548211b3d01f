import { z } from 'zod';

/** Roles from the `cognito:groups` claim. */
export const Role = z.enum(['trader', 'viewer', 'operator', 'admin']);
export type Role = z.infer<typeof Role>;

/** What a method needs: nothing, an authenticated reader, a trader, or an operator/admin. */
export const AuthLevel = z.enum(['public', 'read', 'trade', 'admin']);
export type AuthLevel = z.infer<typeof AuthLevel>;

/**
 * Roles that satisfy each level. `public` needs no authentication at all; every other level needs
 * a valid token (else 10001) and one of these roles (else 10002). A viewer reads but never trades;
 * operators and admins act on accounts through the admin methods, not by trading.
 */
export const AUTH_LEVEL_ROLES = {
  public: [],
  read: ['trader', 'viewer', 'operator', 'admin'],
  trade: ['trader'],
  admin: ['operator', 'admin'],
} as const satisfies Record<AuthLevel, readonly Role[]>;

/** Whether a caller holding `roles` may use a method of level `level` (authentication aside). */
export function rolesAllow(level: AuthLevel, roles: readonly Role[]): boolean {
  if (level === 'public') return true;
  const allowed: readonly Role[] = AUTH_LEVEL_ROLES[level];
  return roles.some((role) => allowed.includes(role));
}
