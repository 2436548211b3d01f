import { isRetryableRpcCode, type JsonRpcErrorObject } from '@perp/contracts';

/**
 * An error answer of the trader API: the code, message and data exactly as the server sent them.
 * Branch on `code` (see `RpcErrorCode`), never on the message.
 */
export class RpcError extends Error {
  readonly method: string;
  readonly code: number;
  readonly data: unknown;
  /** Sending the same request again may succeed (a retried order.place places once). */
  readonly retryable: boolean;
  /** The error object as it came over the wire; `body.message` is the server's own message. */
  readonly body: JsonRpcErrorObject;

  constructor(method: string, error: JsonRpcErrorObject) {
    super(`${method}: ${error.code} ${error.message}`);
    this.name = 'RpcError';
    this.method = method;
    this.code = error.code;
    this.data = error.data;
    this.retryable = isRetryableRpcCode(error.code);
    this.body = error;
  }

  /** `data.retryAfterMs` of a rate-limited answer (10003), else undefined. */
  get retryAfterMs(): number | undefined {
    const data = this.data as { readonly retryAfterMs?: unknown } | undefined;
    return typeof data?.retryAfterMs === 'number' ? data.retryAfterMs : undefined;
  }
}
