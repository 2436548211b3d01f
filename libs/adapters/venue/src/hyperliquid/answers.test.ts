// Answers as Hyperliquid's API docs show them ("Exchange endpoint", "Info endpoint").
import type { OrderId } from '@perp/trading-domain';
import { describe, expect, it } from 'vitest';
import {
  VenueCredentialsRefusedError,
  VenueOutcomeUnknownError,
  VenueUnavailableError,
} from '../venue-errors.ts';
import { cancelOutcomeOf, orderStateOf, placeAnswerOf } from './answers.ts';

const TS = 1_795_000_000_000;
const orderAnswer = (status: unknown) => ({
  status: 'ok',
  response: { type: 'order', data: { statuses: [status] } },
});

describe('placeAnswerOf', () => {
  it('accepts a resting or an immediately filled order with its venue id', () => {
    expect(placeAnswerOf(orderAnswer({ resting: { oid: 77738308 } }), TS)).toEqual({
      outcome: 'accepted',
      venueOrderId: '77738308',
      ts: TS,
    });
    expect(
      placeAnswerOf(
        orderAnswer({ filled: { totalSz: '0.02', avgPx: '1891.4', oid: 77747314 } }),
        TS,
      ),
    ).toEqual({ outcome: 'accepted', venueOrderId: '77747314', ts: TS });
  });

  it('reports a rejection with its reason and the words of the venue', () => {
    expect(
      placeAnswerOf(orderAnswer({ error: 'Insufficient margin to place order. asset=1' }), TS),
    ).toEqual({
      outcome: 'rejected',
      reason: 'VENUE_INSUFFICIENT_BALANCE',
      venueMessage: 'Insufficient margin to place order. asset=1',
      ts: TS,
    });
    // Not the order's fault: our credentials (a rotated or revoked API wallet).
    expect(() =>
      placeAnswerOf(
        {
          status: 'err',
          response: 'User or API Wallet 0x0000000000000000000000000000000000000001 does not exist.',
        },
        TS,
      ),
    ).toThrow(VenueCredentialsRefusedError);
  });

  it('throws retryable for a rate limit and unknown outcome for what it cannot read', () => {
    expect(() =>
      placeAnswerOf(orderAnswer({ error: 'Too many cumulative requests sent' }), TS),
    ).toThrow(VenueUnavailableError);
    for (const body of [
      { status: 'ok' },
      'Internal Server Error',
      null,
      orderAnswer({ resting: { oid: -1 } }),
    ])
      expect(() => placeAnswerOf(body, TS)).toThrow(VenueOutcomeUnknownError);
    expect(() =>
      placeAnswerOf({ status: 'ok', response: { type: 'order', data: { statuses: [] } } }, TS),
    ).toThrow(VenueOutcomeUnknownError);
  });
});

describe('cancelOutcomeOf', () => {
  it('leaves a successful cancel to the feed, and reports a refusal', () => {
    const answer = (status: unknown) => ({
      status: 'ok',
      response: { type: 'cancel', data: { statuses: [status] } },
    });
    expect(cancelOutcomeOf(answer('success'))).toEqual({ outcome: 'pending' });
    expect(
      cancelOutcomeOf(
        answer({ error: 'Order was never placed, already canceled, or filled. asset=1' }),
      ),
    ).toEqual({
      outcome: 'refused',
      venueMessage: 'Order was never placed, already canceled, or filled. asset=1',
    });
    expect(() => cancelOutcomeOf({ status: 'err', response: 'Too many requests' })).toThrow(
      VenueUnavailableError,
    );
  });
});

describe('orderStateOf', () => {
  const orderId = '1795000000123-abcdefghij' as OrderId;
  const info = (status: string, sz: string) => ({
    status: 'order',
    order: {
      order: {
        coin: 'ETH',
        side: 'B',
        limitPx: '1891.4',
        sz,
        origSz: '0.05',
        oid: 91490942,
        cloid: null,
        timestamp: TS,
      },
      status,
      statusTimestamp: TS,
    },
  });

  it("reads the venue's view of an order for reconciliation", () => {
    expect(orderStateOf(info('open', '0.03'), orderId)).toEqual({
      orderId,
      venueOrderId: '91490942',
      status: 'open',
      filledQuantity: expect.objectContaining({}) as unknown,
      reason: null,
    });
    expect(orderStateOf(info('open', '0.03'), orderId)?.filledQuantity.toString()).toBe('0.02');
    expect(orderStateOf(info('filled', '0'), orderId)?.status).toBe('filled');
    expect(orderStateOf(info('marginCanceled', '0.05'), orderId)).toMatchObject({
      status: 'canceled',
      reason: 'marginCanceled',
    });
    expect(orderStateOf(info('perpMarginRejected', '0.05'), orderId)).toMatchObject({
      status: 'rejected',
      venueOrderId: null,
      reason: 'perpMarginRejected',
    });
    expect(orderStateOf({ status: 'unknownOid' }, orderId)).toBeUndefined();
    expect(() => orderStateOf({ status: 'order' }, orderId)).toThrow(VenueOutcomeUnknownError);
  });
});
