import { z } from 'zod';

/**
 * Who issued a command: a trader through the gateway, an operator/admin through the admin
 * methods, the platform itself (margin calls), or a venue connector reporting what the venue did.
 */
export const CommandSource = z.enum(['trader', 'admin', 'system', 'venue']);
export type CommandSource = z.infer<typeof CommandSource>;
