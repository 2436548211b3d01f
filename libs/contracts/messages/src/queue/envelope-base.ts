import { z } from 'zod';
import { AccountId, CommandId, TraceId } from '../primitives/identifiers.ts';
import { TimestampMs } from '../primitives/timestamp.ts';

export const COMMAND_ENVELOPE_VERSIONS = [1] as const;

/**
 * Fields of every queued command. `accountId` is the account the command acts on and the SQS
 * message group, so each account has one ordered stream. `actorAccountId` is the authenticated
 * caller when that is someone else (an operator); `receivedAt` is when the producer accepted it.
 */
export const envelopeBaseShape = {
  version: z.literal(1),
  commandId: CommandId,
  accountId: AccountId,
  actorAccountId: AccountId.optional(),
  receivedAt: TimestampMs,
  traceId: TraceId,
};
