import { z } from 'zod';
import type { JsonRpcErrorObject } from './framing.ts';

/** `data` of -32602. `field` is the dotted path ("since.orders", "channels.0"); "params" for the whole. */
export const InvalidParamsErrorData = z.strictObject({ field: z.string(), reason: z.string() });
export type InvalidParamsErrorData = z.infer<typeof InvalidParamsErrorData>;

/** `data` of 10003. */
export const RateLimitedErrorData = z.strictObject({ retryAfterMs: z.int().min(0) });
export type RateLimitedErrorData = z.infer<typeof RateLimitedErrorData>;

/** One error of the API. */
export interface RpcErrorRow {
  readonly code: number;
  /** The default human message; clients branch on the code, never on the message. */
  readonly message: string;
  /** What the code means to a client (ws-api.md's table, published in the AsyncAPI document). */
  readonly meaning: string;
  /** The same request, sent again unchanged, may succeed (a retried order.place places once). */
  readonly retryable: boolean;
  /** The shape of `data`, where the API documents one. */
  readonly data?: z.ZodObject;
}

/**
 * ws-api.md's error table, one row per code, keyed by a stable name. Every other view of the
 * errors (`RpcErrorCode`, the messages, the meanings, what is retryable) is derived from it, so a
 * new code is one new row. Risk rejections are not errors: they come back as `denied` reports.
 */
export const RPC_ERRORS = {
  ParseError: {
    code: -32700,
    message: 'Parse error',
    meaning: 'not JSON (id null)',
    retryable: false,
  },
  /** Also a batch: batches are not supported. */
  InvalidRequest: {
    code: -32600,
    message: 'Invalid request',
    meaning: 'not a JSON-RPC 2.0 request (batches too)',
    retryable: false,
  },
  MethodNotFound: {
    code: -32601,
    message: 'Method not found',
    meaning: 'unknown method',
    retryable: false,
  },
  InvalidParams: {
    code: -32602,
    message: 'Invalid params',
    meaning: 'invalid params; `data.field` and `data.reason` say which and why',
    retryable: false,
    data: InvalidParamsErrorData,
  },
  InternalError: {
    code: -32603,
    message: 'Internal error',
    meaning: 'internal error',
    retryable: false,
  },
  NotAuthenticated: {
    code: 10001,
    message: 'Not authenticated',
    meaning: 'not authenticated, or the token expired',
    retryable: false,
  },
  Forbidden: {
    code: 10002,
    message: 'Not allowed for this role',
    meaning: 'the role does not allow this',
    retryable: false,
  },
  /** Retryable after `data.retryAfterMs`. */
  RateLimited: {
    code: 10003,
    message: 'Rate limited',
    meaning: 'rate limited; `data.retryAfterMs`',
    retryable: true,
    data: RateLimitedErrorData,
  },
  UnknownSymbol: {
    code: 10004,
    message: 'Unknown symbol',
    meaning: 'unknown symbol',
    retryable: false,
  },
  /** Also for an order of another account, so ids of others are not disclosed. */
  UnknownOrder: {
    code: 10005,
    message: 'Unknown order',
    meaning: 'unknown order (also: an order of another account)',
    retryable: false,
  },
  ClientOrderIdConflict: {
    code: 10006,
    message: 'clientOrderId already used with other parameters',
    meaning: 'clientOrderId already used with other parameters',
    retryable: false,
  },
  TemporarilyUnavailable: {
    code: 10007,
    message: 'Temporarily unavailable, nothing was queued; retry',
    meaning: 'temporarily unavailable; nothing was queued, safe to retry',
    retryable: true,
  },
  /** Queued, but no verdict within the wait (respType "result"); order.get will tell. */
  OutcomeUnknown: {
    code: 10008,
    message: 'Queued, outcome not yet known',
    meaning: 'queued, outcome not yet known',
    retryable: true,
  },
} as const satisfies Readonly<Record<string, RpcErrorRow>>;

export type RpcErrorName = keyof typeof RPC_ERRORS;
export type RpcErrorCode = (typeof RPC_ERRORS)[RpcErrorName]['code'];

const ROWS = Object.entries(RPC_ERRORS) as [RpcErrorName, RpcErrorRow & { code: RpcErrorCode }][];

function byCode<T>(pick: (row: RpcErrorRow) => T): Readonly<Record<RpcErrorCode, T>> {
  return Object.fromEntries(ROWS.map(([, row]) => [row.code, pick(row)])) as Record<
    RpcErrorCode,
    T
  >;
}

/** The codes by name: `RpcErrorCode.UnknownOrder` is 10005. */
export const RpcErrorCode = Object.fromEntries(ROWS.map(([name, row]) => [name, row.code])) as {
  readonly [N in RpcErrorName]: (typeof RPC_ERRORS)[N]['code'];
};

/** Default human messages by code. */
export const RPC_ERROR_MESSAGES = byCode((row) => row.message);

/** What each code means to a client, by code. */
export const RPC_ERROR_MEANINGS = byCode((row) => row.meaning);

const ROW_BY_CODE: ReadonlyMap<number, RpcErrorRow> = new Map(
  ROWS.map(([, row]) => [row.code, row]),
);

/** The row of a code, or undefined for a code the API does not define. */
export function rpcErrorRow(code: number): RpcErrorRow | undefined {
  return ROW_BY_CODE.get(code);
}

/** True when the same request, sent again, may succeed after an error with this code. */
export function isRetryableRpcCode(code: number): boolean {
  return ROW_BY_CODE.get(code)?.retryable ?? false;
}

type RowOf<C extends RpcErrorCode> = Extract<(typeof RPC_ERRORS)[RpcErrorName], { code: C }>;

/** The documented `data` of a code; `unknown` where the API documents none. */
export type RpcErrorData<C extends RpcErrorCode> =
  RowOf<C> extends { readonly data: infer S extends z.ZodType } ? z.infer<S> : unknown;

/** An error object with the table's default message unless one is given. */
export function rpcError<C extends RpcErrorCode>(
  code: C,
  data?: RpcErrorData<C>,
  message?: string,
): JsonRpcErrorObject {
  const error: JsonRpcErrorObject = { code, message: message ?? RPC_ERROR_MESSAGES[code] };
  if (data !== undefined) error.data = data;
  return error;
}
