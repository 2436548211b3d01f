import {
  RPC_ERROR_MESSAGES,
  RpcErrorCode,
  rpcError,
  type JsonRpcErrorObject,
} from '@perp/contracts';

/**
 * An answer a method handler gives instead of a result: thrown, turned into the JSON-RPC error
 * object by `toRpcError`. Anything else thrown becomes -32603 (or 10007 when retryable).
 */
export class RpcFailure extends Error {
  readonly code: RpcErrorCode;
  readonly data: unknown;

  constructor(code: RpcErrorCode, message?: string, data?: unknown) {
    super(message ?? RPC_ERROR_MESSAGES[code]);
    this.name = 'RpcFailure';
    this.code = code;
    this.data = data;
  }

  toErrorObject(): JsonRpcErrorObject {
    return rpcError(this.code, this.data, this.message);
  }
}

export const failures = {
  notAuthenticated: (message = 'Not authenticated: send auth.login with an access token') =>
    new RpcFailure(RpcErrorCode.NotAuthenticated, message),
  forbidden: (message?: string) => new RpcFailure(RpcErrorCode.Forbidden, message),
  rateLimited: (retryAfterMs: number, message?: string) =>
    new RpcFailure(RpcErrorCode.RateLimited, message, {
      retryAfterMs: Math.max(0, Math.ceil(retryAfterMs)),
    }),
  unknownSymbol: (symbol: string) =>
    new RpcFailure(RpcErrorCode.UnknownSymbol, `Unknown symbol: ${symbol}`),
  unknownOrder: () => new RpcFailure(RpcErrorCode.UnknownOrder),
  clientOrderIdConflict: () => new RpcFailure(RpcErrorCode.ClientOrderIdConflict),
  /**
   * The token is valid but the platform has no account for it (an operator creates accounts with
   * admin.account.create). The OMS would drop its orders; they are refused here.
   */
  noTradingAccount: () =>
    new RpcFailure(
      RpcErrorCode.Forbidden,
      'No trading account exists for this login; an operator has to create it',
    ),
  /** -32602 for a check the schema cannot make (it needs state), in the same data shape. */
  invalidParams: (field: string, reason: string) =>
    new RpcFailure(RpcErrorCode.InvalidParams, `Invalid params: ${field} ${reason}`, {
      field,
      reason,
    }),
} as const;
