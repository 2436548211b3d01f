import {
  JsonRpcId,
  JsonRpcRequest,
  MAX_FRAME_DEPTH,
  RpcErrorCode,
  nestsDeeperThan,
  rpcError,
  type JsonRpcErrorObject,
} from '@perp/contracts';

export type FrameParse =
  | { readonly ok: true; readonly request: JsonRpcRequest }
  | { readonly ok: false; readonly id: JsonRpcId | null; readonly error: JsonRpcErrorObject };

/**
 * One text frame to one JSON-RPC 2.0 request, or the error to answer it with: -32700 when it is
 * not JSON (id null), -32600 when it nests deeper than MAX_FRAME_DEPTH (id null: it is not
 * parsed), is a batch, not an object, or not a 2.0 request (with the request's id when one can
 * be read, else null).
 */
export function parseFrame(text: string): FrameParse {
  if (nestsDeeperThan(text, MAX_FRAME_DEPTH))
    return unreadable(`nested deeper than ${MAX_FRAME_DEPTH} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, id: null, error: rpcError(RpcErrorCode.ParseError) };
  }
  if (Array.isArray(value)) return unreadable('batches are not supported');
  if (typeof value !== 'object' || value === null) return unreadable('not a JSON object');
  const parsed = JsonRpcRequest.safeParse(value);
  if (parsed.success) return { ok: true, request: parsed.data };
  const id = JsonRpcId.safeParse((value as { id?: unknown }).id);
  const issue = parsed.error.issues[0];
  const where = issue ? describeIssue(issue) : '';
  return {
    ok: false,
    id: id.success ? id.data : null,
    error: rpcError(RpcErrorCode.InvalidRequest, undefined, `Invalid request${where}`),
  };
}

/** -32600 with id null: no request id can be read from the frame. */
function unreadable(reason: string): FrameParse {
  return {
    ok: false,
    id: null,
    error: rpcError(RpcErrorCode.InvalidRequest, undefined, `Invalid request: ${reason}`),
  };
}

function describeIssue(issue: {
  path: readonly PropertyKey[];
  code: string;
  keys?: readonly string[];
}): string {
  if (issue.code === 'unrecognized_keys' && issue.keys?.[0] !== undefined)
    return `: unknown member ${JSON.stringify(issue.keys[0])}`;
  const member = issue.path[0];
  if (member === 'jsonrpc') return ': jsonrpc must be "2.0"';
  if (member === 'id') return ': id must be a string or a number';
  if (member === 'method') return ': method must be a non-empty string';
  if (member === 'params') return ': params must be an object';
  return '';
}

/** Binary frames carry no JSON-RPC. */
export function binaryFrameError(): JsonRpcErrorObject {
  return rpcError(RpcErrorCode.InvalidRequest, undefined, 'Invalid request: send text frames');
}
