import { z } from 'zod';
import { AccountId } from '../primitives/identifiers.ts';

/** Creates an account with zero collateral; the result is a CommandAck. */
export const AdminAccountCreateParams = z.strictObject({ accountId: AccountId });
export type AdminAccountCreateParams = z.infer<typeof AdminAccountCreateParams>;
