import { z } from 'zod';
import { CommandId } from '../primitives/identifiers.ts';

/** "Durably queued": the answer of methods whose effect the OMS applies later. */
export const CommandAck = z.strictObject({ commandId: CommandId });
export type CommandAck = z.infer<typeof CommandAck>;
