import { describe, expect, it } from 'vitest';
import {
  JsonRpcErrorResponse,
  JsonRpcRequest,
  JsonRpcResponse,
  JsonRpcSuccessResponse,
  RPC_ERROR_MESSAGES,
  RateLimitedErrorData,
  RpcErrorCode,
  rpcError,
  rpcFailure,
  rpcSuccess,
} from './index.ts';

describe('JSON-RPC framing', () => {
  it('accepts requests with a string or number id and object params', () => {
    expect(JsonRpcRequest.safeParse({ jsonrpc: '2.0', id: 1, method: 'public.ping' }).success).toBe(
      true,
    );
    expect(
      JsonRpcRequest.safeParse({
        jsonrpc: '2.0',
        id: 'a1',
        method: 'order.get',
        params: { orderId: 'x' },
      }).success,
    ).toBe(true);
  });

  it('rejects what is not a JSON-RPC 2.0 request', () => {
    const bad = [
      [{ jsonrpc: '2.0', id: 1, method: 'x' }],
      { jsonrpc: '1.0', id: 1, method: 'x' },
      { id: 1, method: 'x' },
      { jsonrpc: '2.0', id: null, method: 'x' },
      { jsonrpc: '2.0', id: { n: 1 }, method: 'x' },
      { jsonrpc: '2.0', id: 1, method: '' },
      { jsonrpc: '2.0', id: 1, method: 'x', params: 'p' },
      { jsonrpc: '2.0', id: 1, method: 'x', extra: true },
    ];
    expect(bad.filter((frame) => JsonRpcRequest.safeParse(frame).success)).toEqual([]);
  });

  it('builds success and error responses that parse as such', () => {
    const success = rpcSuccess(7, { ts: 1 });
    expect(success).toEqual({ jsonrpc: '2.0', id: 7, result: { ts: 1 } });
    expect(JsonRpcSuccessResponse.safeParse(success).success).toBe(true);
    const failure = rpcFailure(null, rpcError(RpcErrorCode.ParseError));
    expect(failure).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error' },
    });
    expect(JsonRpcErrorResponse.safeParse(failure).success).toBe(true);
    expect(JsonRpcResponse.safeParse(failure).success).toBe(true);
    expect(JsonRpcSuccessResponse.safeParse({ jsonrpc: '2.0', id: 1 }).success).toBe(false);
  });

  it('carries error data when given', () => {
    const error = rpcError(RpcErrorCode.RateLimited, { retryAfterMs: 250 });
    expect(error).toEqual({ code: 10003, message: 'Rate limited', data: { retryAfterMs: 250 } });
    expect(RateLimitedErrorData.safeParse(error.data).success).toBe(true);
  });
});

describe('RpcErrorCode', () => {
  it('is ws-api.md’s table', () => {
    expect(RpcErrorCode).toEqual({
      ParseError: -32700,
      InvalidRequest: -32600,
      MethodNotFound: -32601,
      InvalidParams: -32602,
      InternalError: -32603,
      NotAuthenticated: 10001,
      Forbidden: 10002,
      RateLimited: 10003,
      UnknownSymbol: 10004,
      UnknownOrder: 10005,
      ClientOrderIdConflict: 10006,
      TemporarilyUnavailable: 10007,
      OutcomeUnknown: 10008,
    });
  });

  it('has a default message for every code', () => {
    for (const code of Object.values(RpcErrorCode)) expect(RPC_ERROR_MESSAGES[code]).toMatch(/\w/);
  });
});
