import { retryableOnRedisFailure } from '../dependency-error.ts';
import type { GatewayConnection } from '../rpc/gateway-connection.ts';
import type { AccountConnections } from './account-connections.ts';

/** How long a client is told to wait when its account has all its connections open. */
export const CONNECTION_LIMIT_RETRY_MS = 5_000;

export function connectionLimitMessage(max: number): string {
  return `Too many connections for this account (at most ${max}); close one before opening another`;
}

/**
 * Takes one of the account's connection slots for a socket that logs in; false when the account
 * has all its connections open (the caller answers 10003).
 */
export async function acquireConnectionSlot(
  ctx: { readonly accountConnections: AccountConnections },
  connection: Pick<GatewayConnection, 'connectionId' | 'isOpen'>,
  accountId: string,
): Promise<boolean> {
  const slots = ctx.accountConnections;
  const taken = await retryableOnRedisFailure(() =>
    slots.acquire(accountId, connection.connectionId),
  );
  if (!taken) return false;
  // Closed while the slot was being taken: its close handling saw no account to release.
  if (!connection.isOpen)
    await retryableOnRedisFailure(() => slots.release(accountId, connection.connectionId));
  return true;
}
