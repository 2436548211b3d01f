import { describe, expect, it } from 'vitest';
import {
  InvalidParamsErrorData,
  RPC_ERRORS,
  RPC_ERROR_MEANINGS,
  RPC_ERROR_MESSAGES,
  RateLimitedErrorData,
  RpcErrorCode,
  isRetryableRpcCode,
  rpcError,
  rpcErrorRow,
} from '../index.ts';

describe('the error catalogue', () => {
  const rows = Object.entries(RPC_ERRORS);

  it('has one row per code', () => {
    const codes = rows.map(([, row]) => row.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('derives every view from its rows', () => {
    for (const [name, row] of rows) {
      expect(RpcErrorCode[name as keyof typeof RpcErrorCode]).toBe(row.code);
      expect(RPC_ERROR_MESSAGES[row.code]).toBe(row.message);
      expect(RPC_ERROR_MEANINGS[row.code]).toBe(row.meaning);
      expect(rpcErrorRow(row.code)).toBe(row);
    }
    expect(Object.keys(RpcErrorCode)).toEqual(rows.map(([name]) => name));
    expect(rpcErrorRow(12345)).toBeUndefined();
  });

  it('marks as retryable exactly the codes after which the same request may succeed', () => {
    const retryable = rows.filter(([, row]) => row.retryable).map(([, row]) => row.code);
    expect(retryable).toEqual([
      RpcErrorCode.RateLimited,
      RpcErrorCode.TemporarilyUnavailable,
      RpcErrorCode.OutcomeUnknown,
    ]);
    expect(isRetryableRpcCode(10007)).toBe(true);
    expect(isRetryableRpcCode(10006)).toBe(false);
    expect(isRetryableRpcCode(-1)).toBe(false);
  });

  it('documents the data of -32602 and 10003, and of no other code', () => {
    const withData = rows.filter(([, row]) => 'data' in row).map(([, row]) => row.code);
    expect(withData).toEqual([RpcErrorCode.InvalidParams, RpcErrorCode.RateLimited]);
    expect(RPC_ERRORS.InvalidParams.data).toBe(InvalidParamsErrorData);
    expect(RPC_ERRORS.RateLimited.data).toBe(RateLimitedErrorData);
  });

  it('builds error objects with the row’s message unless given one', () => {
    expect(rpcError(RpcErrorCode.UnknownOrder)).toEqual({ code: 10005, message: 'Unknown order' });
    expect(
      rpcError(RpcErrorCode.InvalidParams, { field: 'price', reason: 'is required' }, 'Bad'),
    ).toEqual({ code: -32602, message: 'Bad', data: { field: 'price', reason: 'is required' } });
  });
});
