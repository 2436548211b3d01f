import {
  commandDeduplicationId,
  orderRequestDigest,
  type OrderPlaceAck,
  type OrderPlacePayload,
  type RpcParams,
} from '@perp/contracts';
import type { AccountId, ClientOrderId } from '@perp/trading-domain';
import { viaRedis } from '../dependency-error.ts';
import { failures } from '../rpc/rpc-failure.ts';
import type { MethodHandler } from './method-handler.ts';
import { noAccount } from './no-account.ts';

/**
 * order.place: answered with the ack once orders.fifo has the command. The command id is derived
 * from the account and the client order id, like the deduplication id, so a retried request is
 * one queue message and gets the same ack. respType "result" is answered with the ack as well.
 */
export const orderPlace: MethodHandler<'order.place'> = async (ctx, call) => {
  const { params, caller } = call;
  const accountId = caller.accountId as AccountId;
  const clientOrderId = params.clientOrderId as ClientOrderId;
  if (params.type === 'market' && params.postOnly)
    throw failures.invalidParams('postOnly', 'is not allowed for market orders');
  if (!(await ctx.instruments.get(params.symbol))) throw failures.unknownSymbol(params.symbol);

  const payload = placePayload(params);
  const digest = orderRequestDigest(payload);
  const commandId = commandDeduplicationId(accountId, clientOrderId);
  const ack: OrderPlaceAck = { clientOrderId, status: 'submitted', commandId };

  const [claim, balance] = await Promise.all([
    ctx.store.getClaim(accountId, clientOrderId),
    ctx.store.getBalance(accountId),
  ]);
  if (claim) {
    // The OMS has the order: the same request again is answered as before and not queued.
    if (claim.requestDigest === digest) return ack;
    throw failures.clientOrderIdConflict();
  }
  if (!balance) throw noAccount();

  const placed = { digest, symbol: payload.symbol };
  const earlier = await viaRedis(() => ctx.placedOrders.record(accountId, clientOrderId, placed));
  if (earlier && earlier.digest !== digest) throw failures.clientOrderIdConflict();
  // Queued before but not yet claimed: sending again is harmless (SQS drops the duplicate within
  // its deduplication window, the OMS's claim after it), and covers a first send that failed.
  const command = ctx.commands.build(
    { commandId, traceId: call.traceId, receivedAt: ctx.clock() },
    { accountId, source: 'trader', type: 'order.place', payload },
  );
  try {
    await ctx.commands.send(command);
  } catch (error) {
    if (!earlier)
      await ctx.placedOrders.forget(accountId, clientOrderId, placed).catch((err: unknown) => {
        call.log.warn({ err }, 'could not remove the marker of an order that was not queued');
      });
    throw error;
  }
  call.log.info({ clientOrderId, commandId }, 'order queued');
  return ack;
};

/** The queued payload: the params with defaults resolved, without respType (a gateway concern). */
function placePayload(params: RpcParams<'order.place'>): OrderPlacePayload {
  const common = {
    clientOrderId: params.clientOrderId,
    symbol: params.symbol,
    side: params.side,
    quantity: params.quantity,
    timeInForce: params.timeInForce,
    postOnly: params.postOnly,
    reduceOnly: params.reduceOnly,
  };
  return params.type === 'limit'
    ? { ...common, type: 'limit', price: params.price }
    : { ...common, type: 'market' };
}
