import type { GatewayContext } from '../context.ts';
import { viaRedis } from '../dependency-error.ts';
import { failures } from '../rpc/rpc-failure.ts';
import type { ClientConnection } from './client-connection.ts';

/** How long a client is told to wait when its account has all its connections open. */
export const CONNECTION_LIMIT_RETRY_MS = 5_000;

export function connectionLimitMessage(max: number): string {
  return `Too many connections for this account (at most ${max}); close one before opening another`;
}

/** Takes one of the account's connection slots for a socket that logs in, or answers 10003. */
export async function acquireConnectionSlot(
  ctx: GatewayContext,
  connection: ClientConnection,
  accountId: string,
): Promise<void> {
  const slots = ctx.accountConnections;
  const taken = await viaRedis(() => slots.acquire(accountId, connection.connectionId));
  if (!taken)
    throw failures.rateLimited(
      CONNECTION_LIMIT_RETRY_MS,
      connectionLimitMessage(slots.maxPerAccount),
    );
  // Closed while the slot was being taken: its close handling saw no account to release.
  if (!connection.isOpen) await viaRedis(() => slots.release(accountId, connection.connectionId));
}
