import { randomBytes } from 'node:crypto';
import type { MarginAlertData, MarginAlertEvent, NotificationRequest } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import { decideWarning, marginRemedy, type MarginCallMode } from '@perp/margin-calls';
import { Lease } from '@perp/redis-adapter';
import { marginStatus, type AccountId, type Instrument } from '@perp/trading-domain';
import type { HeldAccount } from '@perp/trading-store';
import { callAccount, utilizationText } from './account-call.ts';
import type { MarginCallContext } from './context.ts';
import { evaluateAccount, type Evaluation } from './evaluate-account.ts';
import { MarkBook } from './marks.ts';
import { addError, addSkip, newSummary, type MarginCallSummary } from './run-summary.ts';

export interface RunRequest {
  readonly mode: MarginCallMode;
  readonly runId: string;
}

/** Balances are read for this many accounts at a time (one BatchGetItem per hundred). */
const BATCH = 500;
const LEASE_NAME = 'margin-call';
const HUNDRED = Decimal.fromInt(100);

type Valued = Evaluation & { ok: true };

/**
 * One pass of the margin-call job: every account holding a position, valued at the venue's marks;
 * warnings at the threshold (with a cool-down per account), and in an execute run the margin
 * calls of accounts at 100 % or more. One run at a time: a second run waits for the lease (an
 * execute run) or leaves the work to the first (a warn run, which the first does anyway).
 */
export async function runMarginCall(
  ctx: MarginCallContext,
  request: RunRequest,
): Promise<MarginCallSummary> {
  const startedAt = ctx.clock();
  const summary = newSummary(request.runId, request.mode, startedAt);
  const log = ctx.logger.child({ runId: request.runId, mode: request.mode });
  let lost = false;
  const lease = new Lease({
    redis: ctx.redis,
    keys: ctx.keys,
    name: LEASE_NAME,
    owner: `${request.runId}#${randomBytes(6).toString('hex')}`,
    ttlMs: ctx.settings.leaseTtlMs,
    intervalMs: Math.max(100, Math.floor(ctx.settings.leaseTtlMs / 5)),
    onAcquired: () => undefined,
    onLost: (_token, why) => {
      if (why === 'lost') lost = true;
    },
    onError: (error) => log.warn({ err: error }, 'margin-call lease not renewed'),
  });
  try {
    let held = await lease.startAndWait();
    if (!held && request.mode === 'execute') {
      const deadline = ctx.clock() + ctx.settings.leaseWaitMs;
      while (!held && ctx.clock() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(500, ctx.settings.leaseTtlMs)));
        held = lease.held;
      }
    }
    if (!held) {
      summary.runSkipped = 'RUN_IN_PROGRESS';
      if (request.mode === 'execute')
        addError(summary, {
          code: 'RUN_IN_PROGRESS',
          detail: 'another run held the lease throughout',
        });
      log.warn('another margin-call run is in progress; this one did nothing');
      return finish(summary, ctx);
    }
    await scanAndAct(ctx, request, summary, () => lost);
  } catch (error) {
    log.error({ err: error }, 'margin-call run failed');
    addError(summary, { code: 'RUN_FAILED', detail: (error as Error).message });
  } finally {
    await lease.stop();
  }
  return finish(summary, ctx);
}

function finish(summary: MarginCallSummary, ctx: MarginCallContext): MarginCallSummary {
  summary.durationMs = ctx.clock() - summary.startedAt;
  return summary;
}

async function scanAndAct(
  ctx: MarginCallContext,
  request: RunRequest,
  summary: MarginCallSummary,
  leaseLost: () => boolean,
): Promise<void> {
  const instruments = new Map<string, Instrument>(
    (await ctx.config.listInstruments()).map((i) => [i.symbol, i]),
  );
  const marks = new MarkBook({
    venue: ctx.venue,
    instruments,
    maxAgeMs: ctx.settings.markMaxAgeMs,
    clock: ctx.clock,
  });
  const toCall: Valued[] = [];
  const thresholds = { warning: ctx.settings.warning, liquidation: Decimal.ONE };

  const valueBatch = async (batch: readonly HeldAccount[]) => {
    const balances = await ctx.held.balances(batch.map((a) => a.accountId));
    for (const account of batch) {
      const collateral = balances.get(account.accountId)?.collateral ?? Decimal.ZERO;
      const evaluation = await evaluateAccount(
        account.accountId,
        collateral,
        account.positions,
        marks,
      );
      summary.scanned += 1;
      if (!evaluation.ok) {
        addSkip(summary, {
          accountId: evaluation.accountId,
          reason: evaluation.reason,
          detail: evaluation.detail,
        });
        continue;
      }
      const status = marginStatus(evaluation.margin.marginUtilization, thresholds);
      if (status === 'healthy') continue;
      summary.atRisk += 1;
      if (status === 'liquidation' && request.mode === 'execute') toCall.push(evaluation);
      else await warn(ctx, request, summary, evaluation);
    }
  };

  // Balances of one batch are read while the scan goes on; a few batches at most in flight.
  const inFlight = new Set<Promise<void>>();
  let batch: HeldAccount[] = [];
  const flush = async () => {
    const job = valueBatch(batch).finally(() => inFlight.delete(job));
    inFlight.add(job);
    batch = [];
    if (inFlight.size >= 4) await Promise.race(inFlight);
  };
  for await (const account of ctx.held.accounts({ concurrency: ctx.settings.scanConcurrency })) {
    if (leaseLost()) throw new Error('the margin-call lease was lost mid-run');
    batch.push(account);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  await Promise.all(inFlight);

  summary.called = toCall.length;
  const queue = [...toCall];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (leaseLost()) throw new Error('the margin-call lease was lost mid-run');
      await callOne(ctx, request, summary, next, marks);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(ctx.settings.accountConcurrency, queue.length) }, worker),
  );
}

async function callOne(
  ctx: MarginCallContext,
  request: RunRequest,
  summary: MarginCallSummary,
  evaluation: Valued,
  marks: MarkBook,
): Promise<void> {
  const { accountId } = evaluation;
  const log = ctx.logger.child({ runId: request.runId, accountId });
  try {
    const outcome = await callAccount(ctx, request.runId, evaluation, marks);
    summary.ordersCanceled += outcome.report.ordersCanceled;
    summary.reduceOrders += outcome.report.reduceOrders.length;
    summary.calls.push(outcome.report);
    for (const error of outcome.errors) addError(summary, { accountId, ...error });
    log.warn({ call: outcome.report }, 'margin call');
    const after = outcome.last.ok ? outcome.last : evaluation;
    const closed = outcome.report.reduceOrders
      .filter((o) => Decimal.parse(o.filledQuantity).isPositive())
      .map((o) => ({ symbol: o.symbol, side: o.side, quantity: o.filledQuantity }));
    await alert(ctx, request, summary, after, 'marginCall', `marginCall:${request.runId}`, {
      ordersCanceled: outcome.report.ordersCanceled,
      closed,
    });
  } catch (error) {
    log.error({ err: error }, 'margin call failed');
    addError(summary, { accountId, code: 'CALL_FAILED', detail: (error as Error).message });
  }
}

/** A warning unless the cool-down holds it back; one not delivered stays pending for the next run. */
async function warn(
  ctx: MarginCallContext,
  request: RunRequest,
  summary: MarginCallSummary,
  evaluation: Valued,
): Promise<void> {
  const { accountId } = evaluation;
  const now = ctx.clock();
  const { last, pending } = await ctx.ledger.read(accountId);
  const decision = decideWarning(evaluation.margin.marginUtilization, last, now, {
    levels: ctx.settings.levels,
    cooldownMs: ctx.settings.cooldownMs,
  });
  if (!decision.warn) {
    if (decision.reason === 'cooling_down' && pending === undefined) {
      summary.cooledDown += 1;
      return;
    }
    if (pending === undefined) return;
  }
  const level = decision.warn ? decision.level : (pending?.level ?? ctx.settings.warning);
  // The same band's undelivered warning keeps its key: the notifier stores it once, however often sent.
  const dedupeKey =
    pending !== undefined && pending.level.eq(level)
      ? pending.dedupeKey
      : `marginWarning:${level.mul(HUNDRED).toString()}:${now}`;
  if (pending === undefined || pending.dedupeKey !== dedupeKey)
    await ctx.ledger.markPending(accountId, { dedupeKey, level });
  const delivered = await alert(ctx, request, summary, evaluation, 'marginWarning', dedupeKey);
  if (delivered) await ctx.ledger.markDelivered(accountId, level, now);
}

/** Tells the notifier and the events stream; true once the notifier has it. */
async function alert(
  ctx: MarginCallContext,
  request: RunRequest,
  summary: MarginCallSummary,
  evaluation: Valued,
  type: 'marginWarning' | 'marginCall',
  dedupeKey: string,
  actions?: MarginAlertData['actions'],
): Promise<boolean> {
  const { accountId, margin, exposures } = evaluation;
  const threshold = type === 'marginCall' ? Decimal.ONE : ctx.settings.warning;
  const remedy = marginRemedy(
    { equity: margin.equity, maintenanceMargin: margin.maintenanceMargin, exposures },
    ctx.settings.warning,
  );
  const data: MarginAlertData = {
    marginUtilization:
      margin.marginUtilization === 'infinite' ? null : margin.marginUtilization.toString(),
    equity: margin.equity.toString(),
    maintenanceMargin: margin.maintenanceMargin.toString(),
    threshold: threshold.toString(),
    remedy: {
      deposit: remedy.deposit.toString(),
      close: remedy.close.map((c) => ({
        symbol: c.symbol,
        side: c.side,
        quantity: c.quantity.toString(),
      })),
    },
    ...(actions ? { actions } : {}),
    ts: ctx.clock(),
  };
  const notification: NotificationRequest = { type, accountId, dedupeKey, data };
  const event: MarginAlertEvent = { type, accountId, runId: request.runId, dedupeKey, data };
  await ctx.publisher.publishEvent('margin_alert', event).catch((error: unknown) =>
    addError(summary, {
      accountId,
      code: 'EVENT_NOT_PUBLISHED',
      detail: (error as Error).message,
    }),
  );
  const outcome = await ctx.notifier.notify(notification);
  const log = ctx.logger.child({ runId: request.runId, accountId });
  if (outcome.delivered) {
    if (type === 'marginWarning') summary.warned += 1;
    log.info(
      { utilization: utilizationText(margin.marginUtilization), queued: outcome.queued, dedupeKey },
      `${type} sent`,
    );
    return true;
  }
  if (outcome.retryable) {
    if (type === 'marginWarning') summary.warningsPending += 1;
    addError(summary, { accountId, code: 'NOTIFIER_UNAVAILABLE', detail: outcome.detail });
  } else {
    addError(summary, { accountId, code: 'NOTIFICATION_REFUSED', detail: outcome.detail });
    if (type === 'marginWarning') await ctx.ledger.dropPending(accountId as AccountId);
  }
  log.warn({ detail: outcome.detail, dedupeKey }, `${type} not delivered`);
  return false;
}
