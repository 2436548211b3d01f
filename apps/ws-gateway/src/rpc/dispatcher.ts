import { randomUUID } from 'node:crypto';
import {
  RpcErrorCode,
  RpcMethods,
  isRpcMethod,
  rolesAllow,
  rpcError,
  rpcFailure,
  rpcSuccess,
  validateParams,
  type JsonRpcErrorObject,
  type JsonRpcRequest,
  type JsonRpcResponse,
  type RpcMethodName,
} from '@perp/contracts';
import { retryableOnRedisFailure } from '../dependency-error.ts';
import type { GatewayMetrics } from '../metrics.ts';
import type { MethodCall, MethodHandler, MethodTable } from './method-handler.ts';
import type { BudgetTake, RpcConnection } from './rpc-connection.ts';
import { RpcFailure, failures } from './rpc-failure.ts';
import { toRpcError } from './to-rpc-error.ts';

/** The account's order budget, shared by every replica (rate-limit/AccountOrderLimiter). */
export interface OrderLimiter {
  take(accountId: string): Promise<BudgetTake>;
}

/** What the dispatcher itself uses of the context; the rest is passed to the handlers. */
export interface DispatchContext {
  readonly orderLimiter: OrderLimiter;
}

export interface DispatcherOptions<Ctx extends DispatchContext> {
  readonly ctx: Ctx;
  readonly methods: MethodTable<Ctx>;
  /** Methods whose requests count against the account's order limit. */
  readonly orderMethods: ReadonlySet<string>;
  readonly metrics: GatewayMetrics;
  /**
   * Check every result against the contract's result schema before sending it; a result that
   * does not match is answered with -32603 and logged. On in tests and development.
   */
  readonly validateResults: boolean;
}

/** A request's answer: the response to write, and what to do once it is written. */
export interface Reply {
  readonly response: JsonRpcResponse;
  /** Work to run once the response is written, in order. */
  readonly afterReply: readonly (() => void | Promise<void>)[];
}

/**
 * One request to exactly one response: the method exists (-32601), the caller is logged in with a
 * live token (10001) and a role that allows the method (10002), the params match the contract
 * (-32602), the account is within its order limit (10003); then the handler. What the handler
 * throws becomes its error through `toRpcError`.
 */
export class Dispatcher<Ctx extends DispatchContext> {
  readonly #options: DispatcherOptions<Ctx>;

  constructor(options: DispatcherOptions<Ctx>) {
    this.#options = options;
  }

  async dispatch(connection: RpcConnection, request: JsonRpcRequest): Promise<Reply> {
    const { metrics } = this.#options;
    const method = request.method;
    if (!isRpcMethod(method)) {
      metrics.messages.inc({ method: 'unknown' });
      return this.#failed(
        request,
        rpcError(RpcErrorCode.MethodNotFound, undefined, `Method not found: ${truncate(method)}`),
      );
    }
    metrics.messages.inc({ method });
    const stop = metrics.requestSeconds.startTimer({ method });
    const afterReply: (() => void | Promise<void>)[] = [];
    try {
      const result = await this.#call(connection, request, method, afterReply);
      return { response: rpcSuccess(request.id, result), afterReply };
    } catch (error) {
      return this.#failed(request, toRpcError(error, connection.logger.child({ method })));
    } finally {
      stop();
    }
  }

  async #call(
    connection: RpcConnection,
    request: JsonRpcRequest,
    method: RpcMethodName,
    afterReply: (() => void | Promise<void>)[],
  ): Promise<unknown> {
    const { ctx, methods, orderMethods, validateResults } = this.#options;
    const spec = RpcMethods[method];
    const caller = connection.activePrincipal();
    if (spec.auth !== 'public') {
      if (!caller) {
        throw failures.notAuthenticated(
          connection.principal
            ? 'Not authenticated: the token has expired; send auth.login with a fresh one'
            : undefined,
        );
      }
      if (!rolesAllow(spec.auth, caller.roles)) {
        throw failures.forbidden(
          `Not allowed for this role: ${method} needs ${roleNeed(spec.auth)}`,
        );
      }
    }
    const validation = validateParams(method, request.params);
    if (!validation.ok)
      throw new RpcFailure(validation.error.code, validation.error.message, validation.error.data);
    if (caller && orderMethods.has(method)) {
      const budget = await retryableOnRedisFailure(() => ctx.orderLimiter.take(caller.accountId));
      if (!budget.allowed)
        throw failures.rateLimited(
          budget.retryAfterMs,
          'Rate limited: too many order requests for this account',
        );
    }
    const call: MethodCall<RpcMethodName> = {
      method,
      params: validation.params,
      caller: caller as never,
      connection,
      traceId: randomUUID(),
      log: connection.logger.child({ method, requestId: request.id }),
      afterReply: (work) => afterReply.push(work),
    };
    const handler = methods[method] as MethodHandler<RpcMethodName, Ctx>;
    const result = await handler(ctx, call);
    if (validateResults) {
      const checked = spec.result.safeParse(result);
      if (!checked.success) {
        call.log.error({ issues: checked.error.issues }, 'result does not match the contract');
        throw new Error(`${method} produced a result outside the contract`);
      }
    }
    return result;
  }

  #failed(request: JsonRpcRequest, error: JsonRpcErrorObject): Reply {
    return { response: rpcFailure(request.id, error), afterReply: [] };
  }
}

function roleNeed(level: string): string {
  if (level === 'trade') return 'the trader role';
  if (level === 'admin') return 'the operator or admin role';
  return 'a role';
}

function truncate(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}
