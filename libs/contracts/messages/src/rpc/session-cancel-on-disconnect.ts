import { z } from 'zod';

/** When enabled, closing this socket cancels the account's open orders (reason CANCEL_ON_DISCONNECT). */
export const SessionCancelOnDisconnectParams = z.strictObject({ enabled: z.boolean() });
export type SessionCancelOnDisconnectParams = z.infer<typeof SessionCancelOnDisconnectParams>;

export const SessionCancelOnDisconnectResult = z.strictObject({ enabled: z.boolean() });
export type SessionCancelOnDisconnectResult = z.infer<typeof SessionCancelOnDisconnectResult>;
