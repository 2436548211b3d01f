import type { Decimal } from '@perp/decimal';

/** Why the kill switch trips: equity under its floor, or the day's loss at its limit. */
export const KillSwitchReasons = ['drawdown', 'daily_loss'] as const;
export type KillSwitchReason = (typeof KillSwitchReasons)[number];

export interface KillSwitchInput {
  /** Account equity now, in quote currency. */
  readonly equity: Decimal;
  /** Trip when equity falls strictly below this, in quote currency; absent: no floor. */
  readonly equityFloor?: Decimal;
  /** Equity at the start of the current UTC day (see `utcDayOf`), in quote currency. */
  readonly dayStartEquity?: Decimal;
  /** Trip when dayStartEquity − equity reaches this, in quote currency (> 0); absent: no limit. */
  readonly maxDailyLoss?: Decimal;
}

/**
 * The verdict that stops all quoting until an operator resumes: a bot losing money keeps losing
 * it faster than anyone reads an alert. Drawdown (absolute floor) is checked first, as the more
 * serious; either check is off when its limit (or the day's baseline) is absent.
 */
export function killSwitch(input: KillSwitchInput): KillSwitchReason | undefined {
  const { equity, equityFloor, dayStartEquity, maxDailyLoss } = input;
  if (equityFloor !== undefined && equity.lt(equityFloor)) return 'drawdown';
  if (
    maxDailyLoss !== undefined &&
    dayStartEquity !== undefined &&
    dayStartEquity.sub(equity).gte(maxDailyLoss)
  ) {
    return 'daily_loss';
  }
  return undefined;
}

/**
 * The UTC calendar day of `ts` (ms since the epoch) as `YYYY-MM-DD`: the daily-loss baseline
 * resets when it changes. A conversion of the given instant, no clock is read.
 */
export function utcDayOf(ts: number): string {
  if (!Number.isFinite(ts)) throw new RangeError(`not a timestamp: ${String(ts)}`);
  const text = new Date(ts).toISOString();
  // Years outside 0000–9999 come out as ±YYYYYY; no real clock reads one.
  if (text.length !== 24) throw new RangeError(`timestamp out of range: ${ts}`);
  return text.slice(0, 10);
}
