import type { ExecutionReport } from '@perp/contracts';
import type { TradingChange } from '@perp/trading-store';
import type { OmsContext } from './context.ts';

/** Another writer changed what this command read; the handler runs again on fresh state. */
export class StaleStateError extends Error {
  readonly code = 'STALE_STATE';
  constructor(message: string) {
    super(message);
    this.name = 'StaleStateError';
  }
}

/**
 * Writes a command's change in one transaction, then publishes its reports. The reports are
 * stored with the command record, so if the process dies between the two, the redelivered command
 * finds its record and publishes them again (the publisher drops what it already has).
 */
export async function commitAndPublish(
  ctx: OmsContext,
  change: TradingChange,
  reports: readonly ExecutionReport[],
): Promise<'committed' | 'duplicate'> {
  const outcome = await ctx.store.commit(change);
  if (!outcome.committed) {
    if (outcome.conflict === 'stale')
      throw new StaleStateError(`command ${change.command.commandId} read stale state`);
    ctx.logger.info(
      { commandId: change.command.commandId, conflict: outcome.conflict },
      'already processed; nothing changed',
    );
    if (outcome.conflict === 'duplicate_command')
      await republish(ctx, change.accountId, change.command.commandId);
    return 'duplicate';
  }
  await ctx.publisher.publish(reports);
  return 'committed';
}

/** Publishes what an already processed command produced (a no-op for what Redis already has). */
export async function republish(
  ctx: OmsContext,
  accountId: TradingChange['accountId'],
  commandId: TradingChange['command']['commandId'],
): Promise<void> {
  const record = await ctx.store.getCommand(accountId, commandId);
  if (record) await ctx.publisher.publish(record.reports as ExecutionReport[]);
}

/** The record of a processed command, stored with what it changed and the reports it produced. */
export function commandRecord(
  command: { readonly commandId: string; readonly accountId: string; readonly type: string },
  reports: readonly ExecutionReport[],
  processedAt: number,
): TradingChange['command'] {
  return {
    commandId: command.commandId as TradingChange['command']['commandId'],
    accountId: command.accountId as TradingChange['accountId'],
    commandType: command.type,
    reports: [...reports],
    processedAt,
  };
}
