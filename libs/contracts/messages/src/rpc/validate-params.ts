import { invalidParamsError, type InvalidParamsError } from '../jsonrpc/invalid-params.ts';
import { paramsIssueReason } from '../jsonrpc/issue-reason.ts';
import { RpcMethods, type RpcMethodName, type RpcParams } from './method-registry.ts';

export type ParamsValidation<M extends RpcMethodName> =
  | { readonly ok: true; readonly params: RpcParams<M> }
  | { readonly ok: false; readonly error: InvalidParamsError };

/**
 * Validates a request's params for `method`: absent params count as `{}`, defaults are applied,
 * and a failure is the ready -32602 error object with `data.field` and `data.reason`.
 */
export function validateParams<M extends RpcMethodName>(
  method: M,
  params: unknown,
): ParamsValidation<M> {
  const schema = RpcMethods[method].params;
  const result = schema.safeParse(params === undefined ? {} : params, { error: paramsIssueReason });
  if (result.success) return { ok: true, params: result.data as RpcParams<M> };
  return { ok: false, error: invalidParamsError(result.error) };
}
