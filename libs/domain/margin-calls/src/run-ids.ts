import { createHash } from 'node:crypto';
import {
  identifierOf,
  type AccountId,
  type ClientOrderId,
  type CommandId,
} from '@perp/trading-domain';

/** Warn only (every 15 minutes), or warn and bring accounts at 100 % back (once a day). */
export const MarginCallModes = ['warn', 'execute'] as const;
export type MarginCallMode = (typeof MarginCallModes)[number];

/** A run id: part of every command id the run derives, so it keeps to their characters. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * The run id of a scheduled run: the mode and the start of the schedule's period it falls in
 * (`execute-2026-12-07T00:00Z`), so a retried invocation, or a second one in the same period,
 * derives the same command ids and does nothing twice.
 */
export function scheduledRunId(mode: MarginCallMode, now: number, periodMs: number): string {
  const start = new Date(Math.floor(now / periodMs) * periodMs).toISOString();
  return `${mode}-${start.slice(0, 16)}Z`;
}

const COMMAND_ID_MAX = 128;

/** The command id of one step of one account's margin call: `margin-call.<run>.<account>.<step>`. */
export function marginCallCommandId(runId: string, accountId: AccountId, step: string): CommandId {
  const readable = `margin-call.${runId}.${accountId}.${step}`;
  if (readable.length <= COMMAND_ID_MAX) return identifierOf('CommandId', readable);
  return identifierOf('CommandId', `margin-call.${digest(runId, accountId, step, 40)}.${step}`);
}

/**
 * The client order id of one reduce order: `mc` and a digest of run, account and step (the
 * grammar allows 36 characters, too few for the parts themselves). A rerun finds its claim.
 */
export function marginCallClientOrderId(
  runId: string,
  accountId: AccountId,
  step: string,
): ClientOrderId {
  return identifierOf('ClientOrderId', `mc${digest(runId, accountId, step, 32)}`);
}

function digest(runId: string, accountId: string, step: string, length: number): string {
  return createHash('sha256')
    .update(`${runId}\n${accountId}\n${step}`)
    .digest('base64url')
    .slice(0, length);
}
