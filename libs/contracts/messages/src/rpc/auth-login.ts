import { z } from 'zod';
import { AccountId } from '../primitives/identifiers.ts';
import { TimestampMs } from '../primitives/timestamp.ts';
import { Role } from '../trading/roles.ts';

const JWT_MESSAGE = 'must be a JWT (three base64url parts joined by ".")';

/** A JWT access token for sockets that cannot set the Authorization header (browsers). */
export const AuthLoginParams = z.strictObject({
  token: z
    .string()
    .max(8192, { error: 'must be at most 8192 characters long' })
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/, { error: JWT_MESSAGE }),
});
export type AuthLoginParams = z.infer<typeof AuthLoginParams>;

/** `expiresAt` is the token's `exp` in ms: after it, calls answer 10001 until the next login. */
export const AuthLoginResult = z.strictObject({
  accountId: AccountId,
  roles: z.array(Role),
  expiresAt: TimestampMs,
});
export type AuthLoginResult = z.infer<typeof AuthLoginResult>;
