import { identifierOf, type CommandId } from '@perp/trading-domain';
import { AccountId, ClientOrderId, DepositId } from '../primitives/identifiers.ts';
import type { CommandEnvelope } from './command-envelope.ts';

/** SQS MessageDeduplicationId / MessageGroupId: 1 to 128 alphanumeric or punctuation characters. */
export const SQS_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;

/**
 * The deduplication id of an order.place: derived from the account and the trader's id only, so
 * a retried request (same clientOrderId) is one message even with a new commandId. Parameters are
 * deliberately not part of it; a same-id-other-params conflict is the OMS's 10006. The ":" cannot
 * occur in either id, so distinct pairs never collide; at most 12 + 64 + 1 + 36 = 113 characters.
 */
export function commandDeduplicationId(accountId: string, clientOrderId: string): CommandId {
  if (!AccountId.safeParse(accountId).success)
    throw new RangeError(`not an AccountId: ${JSON.stringify(accountId)}`);
  if (!ClientOrderId.safeParse(clientOrderId).success) {
    throw new RangeError(`not a ClientOrderId: ${JSON.stringify(clientOrderId)}`);
  }
  return identifierOf('CommandId', `order.place:${accountId}:${clientOrderId}`);
}

/** The command id of an admin.deposit that names its `depositId`: one per account and deposit. */
export function depositCommandId(accountId: string, depositId: string): CommandId {
  if (!AccountId.safeParse(accountId).success)
    throw new RangeError(`not an AccountId: ${JSON.stringify(accountId)}`);
  if (!DepositId.safeParse(depositId).success)
    throw new RangeError(`not a DepositId: ${JSON.stringify(depositId)}`);
  return identifierOf('CommandId', `admin.deposit:${accountId}:${depositId}`);
}

/** The deduplication id of any command: order.place as above, every other command its commandId. */
export function deduplicationIdOf(command: CommandEnvelope): string {
  if (command.type === 'order.place')
    return commandDeduplicationId(command.accountId, command.payload.clientOrderId);
  return command.commandId;
}

/** The FIFO message group: the account, so its commands are processed in order, one at a time. */
export function messageGroupIdOf(command: CommandEnvelope): string {
  return command.accountId;
}
