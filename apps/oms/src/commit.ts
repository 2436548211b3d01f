import { wireReport, type CommandType, type ExecutionReport } from '@perp/contracts';
import {
  sequenceReports,
  type AccountBalance,
  type AccountId,
  type CommandId,
  type ExecutionReportFields,
} from '@perp/trading-domain';
import type { Retryable } from '@perp/retry';
import type { TradingChange, Versioned } from '@perp/trading-store';
import type { OmsContext } from './context.ts';

/** Another writer changed what this command read; the handler runs again on fresh state. */
export class StaleStateError extends Error implements Retryable {
  readonly code = 'STALE_STATE';
  readonly retryable = true;
  constructor(message: string) {
    super(message);
    this.name = 'StaleStateError';
  }
}

/** The command a stored change is recorded under. */
export interface CommandIdentity {
  readonly commandId: CommandId;
  readonly accountId: AccountId;
  readonly type: CommandType;
}

/** What a command changes, before its reports are numbered in the account's stream. */
export interface ChangeDraft extends Omit<TradingChange, 'accountId' | 'command' | 'balance'> {
  /**
   * The account's balance as read (null: the command opens the account) and, when the command
   * moved cash (a deposit, a fill's settlement), its new value. Written when it is new, moved, or
   * its `seq` advanced; left alone (and unlocked) otherwise.
   */
  readonly balance?: {
    readonly read: Versioned<AccountBalance> | null;
    readonly next?: AccountBalance;
  };
  /** The domain's reports of the change, in order; `null` where a step reports nothing. */
  readonly reports?: readonly (ExecutionReportFields | null)[];
}

/** A change ready for one transaction, with the wire reports it publishes. */
export interface StoredChange {
  readonly change: TradingChange;
  readonly reports: readonly ExecutionReport[];
}

/**
 * Builds a command's stored change: numbers its reports after the account's last one (the only
 * place a `seq` advances, by exactly the number of reports), records them with the command, and
 * writes the balance under its version.
 */
export function storedChange(
  command: CommandIdentity,
  draft: ChangeDraft,
  now: number,
): StoredChange {
  const { balance, reports: fields = [], ...items } = draft;
  const start = balance?.next ?? balance?.read?.value;
  if (fields.some((f) => f !== null) && start === undefined)
    throw new Error(`command ${command.commandId} reports without the account's balance`);
  const sequenced = start ? sequenceReports(start, fields, now) : { balance: start, reports: [] };
  const reports = sequenced.reports.map(wireReport);
  const written =
    balance !== undefined &&
    sequenced.balance !== undefined &&
    (balance.read === null || sequenced.balance !== balance.read.value);
  return {
    change: {
      ...items,
      accountId: command.accountId,
      command: {
        commandId: command.commandId,
        accountId: command.accountId,
        commandType: command.type,
        reports,
        processedAt: now,
      },
      ...(written
        ? {
            balance: {
              value: sequenced.balance,
              expectedVersion: balance.read?.version ?? null,
            },
          }
        : {}),
    },
    reports,
  };
}

/**
 * Writes a command's change in one transaction, then publishes its reports. The reports are
 * stored with the command record, so if the process dies between the two, the redelivered command
 * finds its record and publishes them again (the publisher drops what it already has).
 */
export async function commitAndPublish(
  ctx: OmsContext,
  { change, reports }: StoredChange,
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
  accountId: AccountId,
  commandId: CommandId,
): Promise<void> {
  const record = await ctx.store.getCommand(accountId, commandId);
  if (record) await ctx.publisher.publish(record.reports);
}
