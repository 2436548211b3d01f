import { inspect } from 'node:util';
import { RpcErrorCode, rpcError, type JsonRpcErrorObject } from '@perp/contracts';
import type { Logger } from '@perp/logger';
import { isRetryable } from '@perp/retry';
import { RpcFailure } from './rpc-failure.ts';

/**
 * The one place where a failure inside the gateway becomes the JSON-RPC error a client sees:
 * a method's own answer (RpcFailure) as it is; a dependency that may work on a retry (the store,
 * the queue, Redis, the token issuer) as 10007, nothing queued; anything else as -32603, with
 * nothing of the internals in the answer (the log has them).
 */
export function toRpcError(
  error: unknown,
  log: Pick<Logger, 'warn' | 'error'>,
): JsonRpcErrorObject {
  if (error instanceof RpcFailure) return error.toErrorObject();
  if (isRetryable(error)) {
    log.warn({ err: loggable(error) }, 'a dependency failed; answered as temporarily unavailable');
    return rpcError(RpcErrorCode.TemporarilyUnavailable);
  }
  log.error({ err: loggable(error) }, 'request failed');
  return rpcError(RpcErrorCode.InternalError);
}

// The logger's error serializer expects an Error; a thrown string or object would make the log
// call itself throw, and the request would go unanswered.
function loggable(error: unknown): Error {
  return error instanceof Error
    ? error
    : new Error(`non-Error thrown: ${inspect(error, { depth: 2 })}`);
}
