import { z } from 'zod';
import { PositiveDecimal } from '../primitives/decimal.ts';
import { AccountId } from '../primitives/identifiers.ts';

/** Credits collateral (USD) to an account; the result is a CommandAck. */
export const AdminDepositParams = z.strictObject({ accountId: AccountId, amount: PositiveDecimal });
export type AdminDepositParams = z.infer<typeof AdminDepositParams>;
