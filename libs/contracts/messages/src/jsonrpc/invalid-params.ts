import type { z } from 'zod';
import { RPC_ERRORS, RpcErrorCode, type InvalidParamsErrorData } from './error-codes.ts';

export interface InvalidParamsError {
  readonly code: typeof RpcErrorCode.InvalidParams;
  readonly message: string;
  readonly data: InvalidParamsErrorData;
}

// zod's own wording for the two cases a client most often hits, when params were parsed without
// `paramsIssueReason` (the message is then zod's default, not a schema's).
function normalize(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return 'is not a known field';
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message))
    return 'is required';
  return issue.message;
}

/** A field name as the client sent it, cut short: an unknown key of 60 KB is not echoed back. */
const FIELD_SHOWN = 64;
const shortened = (field: string) =>
  field.length > FIELD_SHOWN ? `${field.slice(0, FIELD_SHOWN)}…` : field;

/**
 * Turns a failed params validation into the -32602 answer: the first failing field as a dotted
 * path ("since.orders", "channels.0"; "params" when params as a whole are wrong) and a short
 * reason. Only the first issue is reported: one clear fix at a time.
 */
export function invalidParamsError(error: {
  readonly issues: readonly z.core.$ZodIssue[];
}): InvalidParamsError {
  const issue = error.issues[0];
  if (!issue) {
    return {
      code: RpcErrorCode.InvalidParams,
      message: RPC_ERRORS.InvalidParams.message,
      data: { field: 'params', reason: 'are invalid' },
    };
  }
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  const field = path.length > 0 ? shortened(path.join('.')) : 'params';
  const reason = normalize(issue);
  return {
    code: RpcErrorCode.InvalidParams,
    message: `Invalid params: ${field} ${reason}`,
    data: { field, reason },
  };
}
