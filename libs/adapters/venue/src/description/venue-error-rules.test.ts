import { describe, expect, it } from 'vitest';
import { BINANCE_USDM } from '../binance/description.ts';
import { HYPERLIQUID } from '../hyperliquid/description.ts';
import { LN_MARKETS } from '../lnmarkets/description.ts';
import { classifyVenueError, type VenueFailure } from './venue-error-rules.ts';

const verdict = (rules: Parameters<typeof classifyVenueError>[0], failure: VenueFailure) => {
  const { class: errorClass, reason } = classifyVenueError(rules, failure);
  return `${errorClass}/${reason}`;
};

describe('classifyVenueError', () => {
  it("reads Binance's codes: -1007 and the 503 'Unknown error' are unknown outcomes", () => {
    const rules = BINANCE_USDM.errors;
    const cases: [VenueFailure, string][] = [
      [
        {
          httpStatus: 408,
          code: '-1007',
          message: 'Timeout waiting for response from backend server.',
        },
        'unknown_outcome/VENUE_REJECTED',
      ],
      [
        {
          httpStatus: 503,
          message: 'Unknown error, please check your request or try again later.',
        },
        'unknown_outcome/VENUE_REJECTED',
      ],
      [{ httpStatus: 503, message: 'Service Unavailable.' }, 'retryable/VENUE_REJECTED'],
      [
        { httpStatus: 429, code: '-1003', message: 'Too many requests' },
        'retryable/VENUE_RATE_LIMITED',
      ],
      [{ httpStatus: 418, message: 'IP banned' }, 'retryable/VENUE_RATE_LIMITED'],
      [
        {
          httpStatus: 400,
          code: '-1021',
          message: 'Timestamp for this request is outside of the recvWindow.',
        },
        'retryable/VENUE_REJECTED',
      ],
      [
        { httpStatus: 400, code: '-1125', message: 'This listenKey does not exist.' },
        'retryable/VENUE_REJECTED',
      ],
      [
        { httpStatus: 400, code: '-2019', message: 'Margin is insufficient.' },
        'rejected/VENUE_INSUFFICIENT_BALANCE',
      ],
      [
        {
          httpStatus: 400,
          code: '-5022',
          message:
            'Due to the order could not be executed as maker, the Post Only order will be rejected.',
        },
        'rejected/VENUE_POST_ONLY_WOULD_CROSS',
      ],
      [
        { httpStatus: 400, code: '-4116', message: 'ClientOrderId is duplicated.' },
        'unknown_outcome/VENUE_REJECTED',
      ],
      [
        { httpStatus: 400, code: '-1022', message: 'Signature for this request is not valid.' },
        'rejected/VENUE_REJECTED',
      ],
    ];
    for (const [failure, expected] of cases)
      expect(verdict(rules, failure), failure.message).toBe(expected);
  });

  it("reads Hyperliquid's messages inside HTTP 200 answers", () => {
    const rules = HYPERLIQUID.errors;
    const cases: [VenueFailure, string][] = [
      [
        { message: 'Insufficient margin to place order. asset=0' },
        'rejected/VENUE_INSUFFICIENT_BALANCE',
      ],
      [
        { message: 'Post only order would have immediately matched, bbo was 60000@60001. asset=0' },
        'rejected/VENUE_POST_ONLY_WOULD_CROSS',
      ],
      [{ message: 'Order must have minimum value of $10. asset=0' }, 'rejected/VENUE_REJECTED'],
      [
        {
          message: 'User or API Wallet 0x5e9ee1089755c3435139848e47e6635505d5a13a does not exist.',
        },
        'rejected/VENUE_REJECTED',
      ],
      [{ message: 'Too many cumulative requests sent' }, 'retryable/VENUE_RATE_LIMITED'],
      [{ message: 'Invalid nonce: duplicate nonce' }, 'retryable/VENUE_REJECTED'],
      [{ httpStatus: 429, message: '' }, 'retryable/VENUE_RATE_LIMITED'],
      [{ httpStatus: 502, message: 'Bad Gateway' }, 'unknown_outcome/VENUE_REJECTED'],
    ];
    for (const [failure, expected] of cases)
      expect(verdict(rules, failure), failure.message).toBe(expected);
  });

  it("reads LN Markets' statuses", () => {
    const rules = LN_MARKETS.errors;
    expect(verdict(rules, { httpStatus: 401, message: 'Timestamp is too old' })).toBe(
      'retryable/VENUE_REJECTED',
    );
    expect(verdict(rules, { httpStatus: 401, message: 'Signature is not valid' })).toBe(
      'rejected/VENUE_REJECTED',
    );
    expect(verdict(rules, { httpStatus: 400, message: 'Insufficient balance' })).toBe(
      'rejected/VENUE_INSUFFICIENT_BALANCE',
    );
    expect(verdict(rules, { httpStatus: 500, message: 'Internal error' })).toBe(
      'unknown_outcome/VENUE_REJECTED',
    );
  });

  it('falls back on the status: 4xx rejected, 5xx or none unknown; names the rule', () => {
    expect(classifyVenueError([], { httpStatus: 404, message: 'x' })).toEqual({
      class: 'rejected',
      reason: 'VENUE_REJECTED',
      rule: 'default.rejected',
      credentials: false,
    });
    expect(classifyVenueError([], { message: 'socket hang up' }).class).toBe('unknown_outcome');
    expect(classifyVenueError(BINANCE_USDM.errors, { code: '-1007', message: '' }).rule).toBe(
      'binance.-1007',
    );
  });

  it('tells a refusal of our credentials from a refusal of the order, on every venue', () => {
    const refused = (
      rules: Parameters<typeof classifyVenueError>[0],
      failure: Parameters<typeof classifyVenueError>[1],
    ) => classifyVenueError(rules, failure).credentials;
    expect(
      refused(BINANCE_USDM.errors, {
        httpStatus: 401,
        code: '-2015',
        message: 'Invalid API-key, IP, or permissions for action.',
      }),
    ).toBe(true);
    expect(
      refused(BINANCE_USDM.errors, {
        httpStatus: 400,
        code: '-1022',
        message: 'Signature for this request is not valid.',
      }),
    ).toBe(true);
    expect(
      refused(BINANCE_USDM.errors, {
        httpStatus: 400,
        code: '-2019',
        message: 'Margin is insufficient.',
      }),
    ).toBe(false);
    expect(
      refused(HYPERLIQUID.errors, {
        httpStatus: 200,
        message: 'User or API Wallet 0xabc does not exist.',
      }),
    ).toBe(true);
    expect(
      refused(HYPERLIQUID.errors, {
        httpStatus: 200,
        message: 'Insufficient margin to place order.',
      }),
    ).toBe(false);
    expect(refused(LN_MARKETS.errors, { httpStatus: 401, message: 'Unauthorized' })).toBe(true);
    expect(refused(LN_MARKETS.errors, { httpStatus: 401, message: 'Timestamp is too old' })).toBe(
      false,
    );
  });

  it('gives every rule of every venue a unique name', () => {
    for (const { errors } of [BINANCE_USDM, HYPERLIQUID, LN_MARKETS]) {
      const names = errors.map((rule) => rule.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
