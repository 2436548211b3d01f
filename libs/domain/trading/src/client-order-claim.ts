import type { ClientOrderId, OrderId } from './identifiers.ts';

/**
 * A client order id held by one order, with a digest of the request that claimed it. The rule:
 * the same id with the same request is the same order (a retry); with another request it is a
 * conflict, and never a second order.
 */
export interface ClientOrderClaim {
  readonly clientOrderId: ClientOrderId;
  readonly orderId: OrderId;
  readonly requestDigest: string;
}

/** What a request with `requestDigest` is, given the claim of its client order id (if any). */
export type ClaimVerdict = 'new' | 'repeat' | 'conflict';

export function claimVerdict(
  claim: ClientOrderClaim | undefined,
  requestDigest: string,
): ClaimVerdict {
  if (claim === undefined) return 'new';
  return claim.requestDigest === requestDigest ? 'repeat' : 'conflict';
}
