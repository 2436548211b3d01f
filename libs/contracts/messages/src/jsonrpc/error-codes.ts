import { z } from 'zod';
import type { JsonRpcErrorObject } from './framing.ts';

/** ws-api.md's error table. Risk rejections are not errors: they come back as `denied` reports. */
export const RpcErrorCode = {
  /** Not JSON (answered with id null). */
  ParseError: -32700,
  /** Not a JSON-RPC 2.0 request, or a batch. */
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  /** `data: { field, reason }`. */
  InvalidParams: -32602,
  InternalError: -32603,
  /** Not authenticated, or the token expired. */
  NotAuthenticated: 10001,
  /** The caller's role does not allow this method. */
  Forbidden: 10002,
  /** `data: { retryAfterMs }`. */
  RateLimited: 10003,
  UnknownSymbol: 10004,
  /** Also: an order of another account, so ids of others are not disclosed. */
  UnknownOrder: 10005,
  /** The clientOrderId was already used with other parameters. */
  ClientOrderIdConflict: 10006,
  /** Nothing was queued; safe to retry. */
  TemporarilyUnavailable: 10007,
  /** Queued, but no verdict within the wait (respType "result"); order.get will tell. */
  OutcomeUnknown: 10008,
} as const;
export type RpcErrorCode = (typeof RpcErrorCode)[keyof typeof RpcErrorCode];
export type RpcErrorName = keyof typeof RpcErrorCode;

/** Default human messages; clients branch on the code, never on the message. */
export const RPC_ERROR_MESSAGES: Readonly<Record<RpcErrorCode, string>> = {
  [RpcErrorCode.ParseError]: 'Parse error',
  [RpcErrorCode.InvalidRequest]: 'Invalid request',
  [RpcErrorCode.MethodNotFound]: 'Method not found',
  [RpcErrorCode.InvalidParams]: 'Invalid params',
  [RpcErrorCode.InternalError]: 'Internal error',
  [RpcErrorCode.NotAuthenticated]: 'Not authenticated',
  [RpcErrorCode.Forbidden]: 'Not allowed for this role',
  [RpcErrorCode.RateLimited]: 'Rate limited',
  [RpcErrorCode.UnknownSymbol]: 'Unknown symbol',
  [RpcErrorCode.UnknownOrder]: 'Unknown order',
  [RpcErrorCode.ClientOrderIdConflict]: 'clientOrderId already used with other parameters',
  [RpcErrorCode.TemporarilyUnavailable]: 'Temporarily unavailable, nothing was queued; retry',
  [RpcErrorCode.OutcomeUnknown]: 'Queued, outcome not yet known',
};

/** What each code means to a client: ws-api.md's error table (published in the AsyncAPI document). */
export const RPC_ERROR_MEANINGS: Readonly<Record<RpcErrorCode, string>> = {
  [RpcErrorCode.ParseError]: 'not JSON (id null)',
  [RpcErrorCode.InvalidRequest]: 'not a JSON-RPC 2.0 request (batches too)',
  [RpcErrorCode.MethodNotFound]: 'unknown method',
  [RpcErrorCode.InvalidParams]: 'invalid params; `data.field` and `data.reason` say which and why',
  [RpcErrorCode.InternalError]: 'internal error',
  [RpcErrorCode.NotAuthenticated]: 'not authenticated, or the token expired',
  [RpcErrorCode.Forbidden]: 'the role does not allow this',
  [RpcErrorCode.RateLimited]: 'rate limited; `data.retryAfterMs`',
  [RpcErrorCode.UnknownSymbol]: 'unknown symbol',
  [RpcErrorCode.UnknownOrder]: 'unknown order (also: an order of another account)',
  [RpcErrorCode.ClientOrderIdConflict]: 'clientOrderId already used with other parameters',
  [RpcErrorCode.TemporarilyUnavailable]:
    'temporarily unavailable; nothing was queued, safe to retry',
  [RpcErrorCode.OutcomeUnknown]: 'queued, outcome not yet known',
};

/** `data` of -32602. `field` is the dotted path ("since.orders", "channels.0"); "params" for the whole. */
export const InvalidParamsErrorData = z.strictObject({ field: z.string(), reason: z.string() });
export type InvalidParamsErrorData = z.infer<typeof InvalidParamsErrorData>;

/** `data` of 10003. */
export const RateLimitedErrorData = z.strictObject({ retryAfterMs: z.int().min(0) });
export type RateLimitedErrorData = z.infer<typeof RateLimitedErrorData>;

/** An error object with the table's default message unless one is given. */
export function rpcError(code: RpcErrorCode, data?: unknown, message?: string): JsonRpcErrorObject {
  const error: JsonRpcErrorObject = { code, message: message ?? RPC_ERROR_MESSAGES[code] };
  if (data !== undefined) error.data = data;
  return error;
}
