import {
  RpcErrorCode,
  type ExecutionReport,
  commandDeduplicationId,
  orderRequestDigest,
  type OrderPlaceAck,
  type OrderPlaceResult,
  type OrderPlacePayload,
  type RpcParams,
} from '@perp/contracts';
import type { AccountFeed, FirstReportWait } from '@perp/feeds';
import {
  isImmediateOrder,
  isOpenStatus,
  type AccountId,
  type ClientOrderId,
  type CommandId,
} from '@perp/trading-domain';
import type { CommandQueueing } from '../commands/command-queueing.ts';
import type { ExistingAccounts } from '../commands/existing-accounts.ts';
import type { PlacedOrders } from '../commands/placed-orders.ts';
import { DependencyUnavailableError, retryableOnRedisFailure } from '../dependency-error.ts';
import type { AccountReaders, TradingReads } from '@perp/account-views';
import { RpcFailure, failures } from '../rpc/rpc-failure.ts';
import type { MethodCall, MethodHandler } from '../rpc/method-handler.ts';

/** What order.place uses: the OMS's claim, the gateway's markers, the queue, the first report. */
export interface OrderPlaceContext
  extends Pick<CommandQueueing, 'commands' | 'clock'>, Pick<AccountReaders, 'instruments'> {
  readonly store: Pick<TradingReads, 'getClaim' | 'getBalance' | 'publishedReports'>;
  readonly placedOrders: PlacedOrders;
  /** Accounts seen to exist (order.place reads an account's balance only the first time). */
  readonly existingAccounts: ExistingAccounts;
  /** The account reports, for respType "result". */
  readonly reports: Pick<AccountFeed, 'awaitFirstReport'>;
  /** How long respType "result" waits for the first report before 10008 (ws-api.md: 5 s). */
  readonly orderResultTimeoutMs: number;
}

/**
 * order.place: answered with the ack once orders.fifo has the command. The command id is derived
 * from the account and the client order id, like the deduplication id, so a retried request is
 * one queue message and gets the same ack.
 *
 * respType "result": a waiter for the order's result report (see resultReport) listens before anything is
 * read or queued, so a report published after that is seen; one published before (a retried
 * place the OMS has already processed) is read from the reports the store kept for the command. No report within
 * `orderResultTimeoutMs` (counted from the request) answers 10008. The connection's later
 * requests wait behind it, as they wait behind any request (they take effect in order).
 */
export const orderPlace: MethodHandler<'order.place', OrderPlaceContext> = async (ctx, call) => {
  if (call.params.respType !== 'result') return place(ctx, call, undefined);
  const wait = ctx.reports.awaitFirstReport(
    call.caller.accountId,
    { clientOrderId: call.params.clientOrderId },
    { timeoutMs: ctx.orderResultTimeoutMs, accept: resultReport(call.params) },
  );
  try {
    // Nothing is queued yet: a waiter that cannot listen (Redis down) is a retryable failure.
    const listening = await Promise.race([
      wait.ready.then(() => true),
      wait.report.then(() => false),
    ]);
    if (!listening) throw new DependencyUnavailableError('the account feed');
    return await place(ctx, call, wait);
  } finally {
    wait.cancel();
  }
};

async function place(
  ctx: OrderPlaceContext,
  call: MethodCall<'order.place'>,
  wait: FirstReportWait | undefined,
): Promise<OrderPlaceResult> {
  const { params, caller } = call;
  const { accountId } = caller;
  const { clientOrderId } = params;
  if (params.type === 'market' && params.postOnly)
    throw failures.invalidParams('postOnly', 'is not allowed for market orders');
  if (!(await ctx.instruments.get(params.symbol))) throw failures.unknownSymbol(params.symbol);

  const payload = placePayload(params);
  const digest = orderRequestDigest(payload);
  const commandId = commandDeduplicationId(accountId, clientOrderId);
  const ack: OrderPlaceAck = { clientOrderId, status: 'submitted', commandId };

  const known = ctx.existingAccounts.has(accountId);
  const [claim, balance] = await Promise.all([
    ctx.store.getClaim(accountId, clientOrderId),
    known ? undefined : ctx.store.getBalance(accountId),
  ]);
  if (claim) {
    // The OMS has the order: the same request again is answered as before and not queued.
    if (claim.requestDigest !== digest) throw failures.clientOrderIdConflict();
    if (!wait) return ack;
    return (
      (await recordedResult(ctx, accountId, commandId, clientOrderId, resultReport(params))) ??
      result(wait)
    );
  }
  if (!known) {
    if (!balance) throw failures.noTradingAccount();
    ctx.existingAccounts.add(accountId);
  }

  const placed = { digest, symbol: payload.symbol };
  const earlier = await retryableOnRedisFailure(() =>
    ctx.placedOrders.record(accountId, clientOrderId, placed),
  );
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
  return wait ? result(wait) : ack;
}

/**
 * Which report answers respType "result": a resting order's first; for one that never rests
 * (market, ioc, fok) the report that ends its matching (filled, expired, canceled, denied,
 * rejected), as an exchange's result response reports the matching.
 */
function resultReport(params: RpcParams<'order.place'>): (report: ExecutionReport) => boolean {
  return isImmediateOrder(params) ? (report) => !isOpenStatus(report.status) : () => true;
}

/**
 * The answer among the reports the OMS recorded for a place command it has processed; undefined
 * when it is not among them (a later venue event will bring it).
 */
async function recordedResult(
  ctx: OrderPlaceContext,
  accountId: AccountId,
  commandId: CommandId,
  clientOrderId: ClientOrderId,
  accept: (report: ExecutionReport) => boolean,
): Promise<ExecutionReport | undefined> {
  const reports = await ctx.store.publishedReports(accountId, commandId);
  return reports.find((report) => report.clientOrderId === clientOrderId && accept(report));
}

async function result(wait: FirstReportWait): Promise<ExecutionReport> {
  const report = await wait.report;
  if (report) return report;
  throw new RpcFailure(
    RpcErrorCode.OutcomeUnknown,
    'The order was queued; its outcome is not yet known: see order.get or the orders channel',
  );
}

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
