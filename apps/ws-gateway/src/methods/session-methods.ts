import type { MethodHandler } from '../rpc/method-handler.ts';
import type {
  CancelOnDisconnectService,
  SubscriptionService,
} from '../subscriptions/subscription-service.ts';

/** The services behind the session methods. */
export interface SessionServices {
  readonly subscriptions: SubscriptionService;
  readonly cancelOnDisconnect: CancelOnDisconnectService;
}

// Methods served by services behind a seam (src/subscriptions): the gateway has checked the
// caller and the params; the service answers and may act after its answer is written.

export const subscribe: MethodHandler<'subscribe', SessionServices> = async (ctx, call) => {
  const reply = await ctx.subscriptions.subscribe(
    call.connection,
    call.params.channels,
    call.params.since,
  );
  if (reply.afterReply) call.afterReply(reply.afterReply);
  return reply.result;
};

export const unsubscribe: MethodHandler<'unsubscribe', SessionServices> = async (ctx, call) => {
  const reply = await ctx.subscriptions.unsubscribe(call.connection, call.params.channels);
  if (reply.afterReply) call.afterReply(reply.afterReply);
  return reply.result;
};

export const sessionCancelOnDisconnect: MethodHandler<
  'session.cancelOnDisconnect',
  SessionServices
> = async (ctx, call) => {
  const reply = await ctx.cancelOnDisconnect.set(call.connection, call.params.enabled);
  if (reply.afterReply) call.afterReply(reply.afterReply);
  return reply.result;
};
