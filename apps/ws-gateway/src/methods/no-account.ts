import { failures } from '../rpc/rpc-failure.ts';

/**
 * The caller's token is valid but the platform has no account for it (an operator creates
 * accounts with admin.account.create). The OMS would drop its orders; they are refused here.
 */
export const noAccount = () =>
  failures.forbidden('No trading account exists for this login; an operator has to create it');
