import { z } from 'zod';
import { JSONRPC_VERSION } from '../jsonrpc/framing.ts';

export const SESSION_SHUTDOWN_METHOD = 'session.shutdown';

/** Sent before a planned shutdown, then the socket closes with 1001; reconnect after the delay. */
export const SessionShutdownNotification = z.strictObject({
  jsonrpc: z.literal(JSONRPC_VERSION),
  method: z.literal(SESSION_SHUTDOWN_METHOD),
  params: z.strictObject({ reconnectAfterMs: z.int().min(0) }),
});
export type SessionShutdownNotification = z.infer<typeof SessionShutdownNotification>;

export function sessionShutdownNotification(reconnectAfterMs: number): SessionShutdownNotification {
  return {
    jsonrpc: JSONRPC_VERSION,
    method: SESSION_SHUTDOWN_METHOD,
    params: { reconnectAfterMs },
  };
}
