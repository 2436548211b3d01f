import { z } from 'zod';
import { PositiveDecimal } from '../primitives/decimal.ts';
import { AccountId, DepositId } from '../primitives/identifiers.ts';

/**
 * Credits collateral (USD) to an account; the result is a CommandAck. With `depositId` the
 * deposit is idempotent: the same id for the same account is one command, credited once however
 * often it is sent (its commandId is derived from both).
 */
export const AdminDepositParams = z.strictObject({
  accountId: AccountId,
  amount: PositiveDecimal,
  depositId: DepositId.optional(),
});
export type AdminDepositParams = z.infer<typeof AdminDepositParams>;
