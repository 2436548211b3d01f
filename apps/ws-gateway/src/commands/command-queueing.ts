import type { CommandId } from '@perp/trading-domain';
import type { CommandSender } from './command-sender.ts';

/** What a handler needs to queue a command: the sender, the time it was received, a new id. */
export interface CommandQueueing {
  readonly commands: CommandSender;
  readonly clock: () => number;
  readonly newCommandId: () => CommandId;
}
