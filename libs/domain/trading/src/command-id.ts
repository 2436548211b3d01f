import { createHash, randomUUID } from 'node:crypto';
import { identifierOf, type CommandId } from './identifiers.ts';

const COMMAND_ID_MAX = 128;

/**
 * The id of a command's own follow-up (`<commandId>:<part>`, e.g. the venue's answer committed
 * after the command's own change). Deterministic, so a redelivered command derives the same id and
 * the store refuses the second commit; when the join would pass the grammar's 128 characters, a
 * hash of the command id stands in for it. `part` must be command-id text (throws otherwise).
 */
export function followUpCommandId(commandId: CommandId, part: string): CommandId {
  const joined = `${commandId}:${part}`;
  if (joined.length <= COMMAND_ID_MAX) return identifierOf('CommandId', joined);
  const digest = createHash('sha256').update(commandId).digest('hex');
  return identifierOf('CommandId', `h:${digest}:${part}`);
}

/** A new command id for a command that has no natural one (a trader's cancel, an operator's change). */
export function newCommandId(): CommandId {
  return identifierOf('CommandId', randomUUID());
}
