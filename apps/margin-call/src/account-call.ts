import { Decimal } from '@perp/decimal';
import {
  marginCallClientOrderId,
  marginCallCommandId,
  marginRemedy,
  reduceOrders,
} from '@perp/margin-calls';
import {
  notionalOf,
  type AccountId,
  type MarginUtilization,
  type Order,
  type OrderStatus,
} from '@perp/trading-domain';
import { sendCancelAll, sendReduceOrder } from './commands.ts';
import type { MarginCallContext } from './context.ts';
import { evaluateAccount, type Evaluation } from './evaluate-account.ts';
import type { MarkBook } from './marks.ts';
import type { CallReport, ReduceOrderReport } from './run-summary.ts';

const TERMINAL: ReadonlySet<OrderStatus> = new Set([
  'filled',
  'canceled',
  'denied',
  'rejected',
  'expired',
]);

export const utilizationText = (u: MarginUtilization) =>
  u === 'infinite' ? 'infinite' : u.toString();

export interface CallOutcome {
  readonly report: CallReport;
  /** Problems met on the way (a timeout, a mark gone), for the run's errors. */
  readonly errors: readonly { code: string; detail: string }[];
  /** The last evaluation, for the notification. */
  readonly last: Evaluation;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil<T>(
  ctx: MarginCallContext,
  probe: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const deadline = ctx.clock() + ctx.settings.orderTimeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || ctx.clock() >= deadline) return value;
    await sleep(ctx.settings.pollMs);
  }
}

async function evaluateNow(
  ctx: MarginCallContext,
  accountId: AccountId,
  marks: MarkBook,
): Promise<Evaluation> {
  const [balance, positions] = await Promise.all([
    ctx.store.getBalance(accountId),
    ctx.store.listPositions(accountId),
  ]);
  return evaluateAccount(
    accountId,
    balance?.value.collateral ?? Decimal.ZERO,
    positions.map((p) => p.value),
    marks,
    true,
  );
}

const belowTarget = (u: MarginUtilization, target: Decimal) => u !== 'infinite' && u.lt(target);

/**
 * One account's margin call: cancel all its open orders (a system cancel-all, reason MARGIN_CALL),
 * evaluate again, then reduce-only IOC orders largest exposure first, sized to bring utilisation
 * under the target, in rounds re-sized after each round's fills. Every command id derives from the
 * run, the account and the step: a rerun of the run finds its own commands and sends none again.
 */
export async function callAccount(
  ctx: MarginCallContext,
  runId: string,
  first: Evaluation & { ok: true },
  marks: MarkBook,
): Promise<CallOutcome> {
  const { accountId } = first;
  const errors: { code: string; detail: string }[] = [];
  let ordersCanceled = 0;

  const cancelId = marginCallCommandId(runId, accountId, 'cancel');
  if ((await ctx.store.getCommand(accountId, cancelId)) === undefined) {
    const open = await ctx.store.listOpenOrders(accountId);
    if (open.length > 0) {
      ordersCanceled = open.filter((o) => o.value.status !== 'pending_cancel').length;
      await sendCancelAll(ctx, runId, accountId);
      const gone = await waitUntil(ctx, async () =>
        (await ctx.store.listOpenOrders(accountId)).length === 0 ? true : undefined,
      );
      if (gone === undefined)
        errors.push({
          code: 'CANCEL_TIMEOUT',
          detail: 'open orders still open after the cancel-all',
        });
    }
  }

  const reports: ReduceOrderReport[] = [];
  let last = await evaluateNow(ctx, accountId, marks);
  // What the last round's closes cost (slippage and fees) per unit of notional at mark: the next
  // round is sized with it, so it does not fall short by the cost of closing again and again.
  let closeCostRate = Decimal.ZERO;
  for (let round = 1; round <= ctx.settings.maxReduceRounds; round += 1) {
    if (!last.ok || belowTarget(last.margin.marginUtilization, ctx.settings.target)) break;
    const step = (index: number) => `reduce-${round}-${index}`;
    const idOf = (index: number) => marginCallClientOrderId(runId, accountId, step(index));
    let sent: { clientOrderId: ReturnType<typeof idOf>; spec?: ReduceOrderReport }[] = [];
    if ((await ctx.store.getClaim(accountId, idOf(1))) !== undefined) {
      // This round was sent by an earlier attempt of the run: its orders are read, not re-sent.
      for (
        let index = 1;
        (await ctx.store.getClaim(accountId, idOf(index))) !== undefined;
        index += 1
      )
        sent.push({ clientOrderId: idOf(index) });
    } else {
      const evaluation = last;
      const orders = marginRemedy(
        {
          equity: evaluation.margin.equity,
          maintenanceMargin: evaluation.margin.maintenanceMargin,
          exposures: evaluation.exposures,
        },
        ctx.settings.target,
        { closeCostRate },
      ).close.flatMap((close) => {
        const exposure = evaluation.exposures.find((e) => e.position.symbol === close.symbol);
        return exposure ? reduceOrders(close, exposure.instrument, exposure.mark) : [];
      });
      sent = [];
      for (const [i, order] of orders.entries()) {
        const clientOrderId = idOf(i + 1);
        await sendReduceOrder(ctx, runId, accountId, step(i + 1), clientOrderId, order);
        sent.push({
          clientOrderId,
          spec: {
            clientOrderId,
            symbol: order.symbol,
            side: order.side,
            quantity: order.quantity.toString(),
            price: order.price.toString(),
            status: 'pending',
            filledQuantity: '0',
            reason: null,
          },
        });
      }
    }
    const before = last;
    let filled = Decimal.ZERO;
    let closedNotional = Decimal.ZERO;
    for (const { clientOrderId, spec } of sent) {
      const order = await waitUntil(ctx, async () => {
        const found = await ctx.store.getOrderByClientOrderId(accountId, clientOrderId);
        return found !== undefined && TERMINAL.has(found.value.status) ? found.value : undefined;
      });
      const seen =
        order ?? (await ctx.store.getOrderByClientOrderId(accountId, clientOrderId))?.value;
      if (order === undefined)
        errors.push({
          code: 'ORDER_TIMEOUT',
          detail: `reduce order ${clientOrderId} not finished in time`,
        });
      if (seen?.status === 'denied' || seen?.status === 'rejected')
        errors.push({
          code: 'REDUCE_ORDER_REFUSED',
          detail: `reduce order ${clientOrderId} ${seen.status}: ${seen.reason ?? ''}`,
        });
      filled = filled.add(seen?.filledQuantity ?? Decimal.ZERO);
      const exposure = before.exposures.find((e) => e.position.symbol === seen?.symbol);
      if (seen && exposure)
        closedNotional = closedNotional.add(
          notionalOf(exposure.instrument.contractType, seen.filledQuantity, exposure.mark, 'ceil'),
        );
      // A claim is stored with its order, so only an order just sent can be missing: its spec stands.
      const report = seen ? reportOf(seen) : spec;
      if (report) reports.push(report);
    }
    last = await evaluateNow(ctx, accountId, marks);
    if (last.ok && closedNotional.isPositive())
      closeCostRate = Decimal.ZERO.max(
        before.margin.equity.sub(last.margin.equity).div(closedNotional, 'ceil'),
      );
    // The book took nothing this round: another round would only ask again.
    if (sent.length === 0 || filled.isZero()) break;
  }

  if (!last.ok) errors.push({ code: last.reason, detail: last.detail });
  const unabsorbed =
    last.ok && !belowTarget(last.margin.marginUtilization, ctx.settings.target)
      ? marginRemedy(
          {
            equity: last.margin.equity,
            maintenanceMargin: last.margin.maintenanceMargin,
            exposures: last.exposures,
          },
          ctx.settings.target,
        ).close.map((c) => ({ symbol: c.symbol, quantity: c.quantity.toString() }))
      : [];
  return {
    report: {
      accountId,
      utilizationBefore: utilizationText(first.margin.marginUtilization),
      utilizationAfter: last.ok ? utilizationText(last.margin.marginUtilization) : null,
      ordersCanceled,
      reduceOrders: reports,
      unabsorbed,
    },
    errors,
    last,
  };
}

function reportOf(order: Order): ReduceOrderReport {
  return {
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    quantity: order.quantity.toString(),
    price: order.price?.toString() ?? '',
    status: order.status,
    filledQuantity: order.filledQuantity.toString(),
    reason: order.reason,
  };
}
