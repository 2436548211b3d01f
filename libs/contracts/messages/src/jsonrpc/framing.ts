import { z } from 'zod';

// JSON-RPC 2.0 frames, independent of any method. The gateway validates a frame with these
// (failure: -32600) before it looks the method up and validates params.

export const JSONRPC_VERSION = '2.0';

/** A request id: a string or a number, echoed unchanged in the answer. */
export const JsonRpcId = z.union([z.string().max(128), z.number()]);
export type JsonRpcId = z.infer<typeof JsonRpcId>;

/** By-name (object) or by-position (array) params; every method here takes an object. */
const RawParams = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]);

export const JsonRpcRequest = z.strictObject({
  jsonrpc: z.literal(JSONRPC_VERSION),
  id: JsonRpcId,
  method: z.string().min(1).max(128),
  params: RawParams.optional(),
});
export type JsonRpcRequest = z.infer<typeof JsonRpcRequest>;

/** A request without an id; the server only sends these (subscriptions, session.shutdown). */
export const JsonRpcNotification = z.strictObject({
  jsonrpc: z.literal(JSONRPC_VERSION),
  method: z.string().min(1).max(128),
  params: RawParams.optional(),
});
export type JsonRpcNotification = z.infer<typeof JsonRpcNotification>;

export const JsonRpcSuccessResponse = z.strictObject({
  jsonrpc: z.literal(JSONRPC_VERSION),
  id: JsonRpcId,
  result: z.unknown(),
});
export type JsonRpcSuccessResponse = z.infer<typeof JsonRpcSuccessResponse>;

export const JsonRpcErrorObject = z.strictObject({
  code: z.int(),
  message: z.string(),
  data: z.unknown().optional(),
});
export type JsonRpcErrorObject = z.infer<typeof JsonRpcErrorObject>;

/** `id` is null only when the request's id could not be read (-32700, -32600). */
export const JsonRpcErrorResponse = z.strictObject({
  jsonrpc: z.literal(JSONRPC_VERSION),
  id: JsonRpcId.nullable(),
  error: JsonRpcErrorObject,
});
export type JsonRpcErrorResponse = z.infer<typeof JsonRpcErrorResponse>;

export const JsonRpcResponse = z.union([JsonRpcSuccessResponse, JsonRpcErrorResponse]);
export type JsonRpcResponse = z.infer<typeof JsonRpcResponse>;

export function rpcSuccess<R>(
  id: JsonRpcId,
  result: R,
): { jsonrpc: '2.0'; id: JsonRpcId; result: R } {
  return { jsonrpc: JSONRPC_VERSION, id, result };
}

export function rpcFailure(id: JsonRpcId | null, error: JsonRpcErrorObject): JsonRpcErrorResponse {
  return { jsonrpc: JSONRPC_VERSION, id, error };
}
