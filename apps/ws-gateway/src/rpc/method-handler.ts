import type { RpcMethodName, RpcMethods, RpcParams, RpcResult } from '@perp/contracts';
import type { Logger } from '@perp/logger';
import type { Principal } from '@perp/auth';
import type { RpcConnection } from './rpc-connection.ts';

/** Public methods may be called before login; every other method has a live principal. */
export type CallerOf<M extends RpcMethodName> = (typeof RpcMethods)[M]['auth'] extends 'public'
  ? Principal | undefined
  : Principal;

export interface MethodCall<M extends RpcMethodName> {
  readonly method: M;
  /** Validated against the contract, defaults applied. */
  readonly params: RpcParams<M>;
  readonly caller: CallerOf<M>;
  readonly connection: RpcConnection;
  /** Goes into queued commands, to follow the request through the OMS's logs. */
  readonly traceId: string;
  readonly log: Logger;
  /** Runs `work` once the answer has been written (e.g. a snapshot after `subscribe`'s result). */
  afterReply(work: () => void | Promise<void>): void;
}

/** A method's handler; `Ctx` is only what it uses (each handler names its own share). */
export type MethodHandler<M extends RpcMethodName, Ctx> = (
  ctx: Ctx,
  call: MethodCall<M>,
) => Promise<RpcResult<M>>;

/** One handler per method of the contract: a method added there fails to compile here. */
export type MethodTable<Ctx> = { readonly [M in RpcMethodName]: MethodHandler<M, Ctx> };
