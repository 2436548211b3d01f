import { describe, expect, it } from 'vitest';
import { claimVerdict, type ClientOrderClaim } from './client-order-claim.ts';
import { identifierOf } from './identifiers.ts';

const claim: ClientOrderClaim = {
  clientOrderId: identifierOf('ClientOrderId', 'c-1'),
  orderId: identifierOf('OrderId', 'o-1'),
  requestDigest: 'digest-a',
};

describe('claimVerdict', () => {
  it('is new without a claim, a repeat with the same request, a conflict with another', () => {
    expect(claimVerdict(undefined, 'digest-a')).toBe('new');
    expect(claimVerdict(claim, 'digest-a')).toBe('repeat');
    expect(claimVerdict(claim, 'digest-b')).toBe('conflict');
  });
});
