import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  OrderPlaceParams,
  SubscribeParams,
  invalidParamsError,
  paramsIssueReason,
  validateParams,
} from './index.ts';

const errorOf = (result: z.ZodSafeParseResult<unknown>) => {
  if (result.success) throw new Error('expected a validation failure');
  return result.error;
};

describe('invalidParamsError', () => {
  it('reports the first failing field as a dotted path with a short reason', () => {
    const result = SubscribeParams.safeParse(
      { channels: ['orders'], since: { orders: -1 } },
      { error: paramsIssueReason },
    );
    expect(result.success).toBe(false);
    expect(invalidParamsError(errorOf(result))).toEqual({
      code: -32602,
      message: 'Invalid params: since.orders must be at least 0',
      data: { field: 'since.orders', reason: 'must be at least 0' },
    });
  });

  it('joins array indices into the path', () => {
    const result = SubscribeParams.safeParse({ channels: ['orders', 'nope'] });
    expect(invalidParamsError(errorOf(result)).data.field).toBe('channels.1');
  });

  it('names an unknown key itself, not its parent object', () => {
    const result = OrderPlaceParams.safeParse({
      clientOrderId: 'a',
      symbol: 'BTC-PERP',
      side: 'buy',
      type: 'limit',
      quantity: '1',
      price: '1',
      stopPrice: '2',
    });
    expect(invalidParamsError(errorOf(result)).data).toEqual({
      field: 'stopPrice',
      reason: 'is not a known field',
    });
  });

  it('says "is required" for a missing field even without the params error map', () => {
    const result = z.strictObject({ enabled: z.boolean() }).safeParse({});
    expect(invalidParamsError(errorOf(result)).data).toEqual({
      field: 'enabled',
      reason: 'is required',
    });
  });

  it('uses "params" as the field when params as a whole are wrong', () => {
    const result = validateParams('order.place', 'buy 1 BTC');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.data).toEqual({ field: 'params', reason: 'must be an object' });
  });

  it('reports only the first of several problems', () => {
    const result = validateParams('order.place', {
      clientOrderId: '',
      symbol: 'x',
      side: 'up',
      type: 'limit',
      quantity: '1e3',
      price: '1',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.data.field).toBe('clientOrderId');
  });

  it('phrases sizes in the singular when the bound is one', () => {
    const result = validateParams('subscribe', { channels: [] });
    if (!result.ok) expect(result.error.data.reason).toBe('must have at least 1 item');
  });

  it('survives an error without issues', () => {
    expect(invalidParamsError({ issues: [] }).data.field).toBe('params');
  });
});
