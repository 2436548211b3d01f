import { z } from 'zod';
import { Decimal, NonNegativeDecimal, PositiveDecimal } from '../primitives/decimal.ts';
import { AccountId } from '../primitives/identifiers.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { TimestampMs } from '../primitives/timestamp.ts';
import { OrderSide } from '../trading/order-enums.ts';
import { TradingStateChange } from '../trading/trading-state-change.ts';

/** The caller's key for the event, unique per account: the same key again stores nothing. */
export const DedupeKey = z.string().regex(/^[\x21-\x7e]{1,200}$/, {
  error: 'must be 1 to 200 printable ASCII characters, no spaces',
});

/** Part of a position, as a close order would take it off: the reducing side and its size. */
export const PositionCloseData = z.strictObject({
  symbol: InstrumentSymbol,
  side: OrderSide,
  quantity: PositiveDecimal,
});
export type PositionCloseData = z.infer<typeof PositionCloseData>;

/** How the account gets back under the threshold: either the deposit or the closes, at mark. */
export const MarginRemedyData = z.strictObject({
  /** USD that, deposited, brings utilisation under the threshold. */
  deposit: NonNegativeDecimal,
  /** Or these closes, largest exposure first. */
  close: z.array(PositionCloseData).max(100),
});
export type MarginRemedyData = z.infer<typeof MarginRemedyData>;

/** What a margin call did: the open orders it canceled and what its reduce orders closed. */
export const MarginCallActionsData = z.strictObject({
  ordersCanceled: z.int().min(0),
  closed: z.array(PositionCloseData).max(100),
});
export type MarginCallActionsData = z.infer<typeof MarginCallActionsData>;

/** A margin alert as the margin-call job sends it, the account's margin at that moment. */
export const MarginAlertData = z.strictObject({
  /** maintenanceMargin / equity; null when equity <= 0. */
  marginUtilization: NonNegativeDecimal.nullable(),
  equity: Decimal,
  maintenanceMargin: NonNegativeDecimal,
  /** The utilisation at which the alert fires ("0.8"). */
  threshold: PositiveDecimal,
  remedy: MarginRemedyData.optional(),
  /** A margin call's: what it did. */
  actions: MarginCallActionsData.optional(),
  ts: TimestampMs,
});
export type MarginAlertData = z.infer<typeof MarginAlertData>;

export const TradingStateAlertData = z.intersection(
  TradingStateChange,
  z.object({ ts: TimestampMs }),
);
export type TradingStateAlertData = z.infer<typeof TradingStateAlertData>;

const base = { accountId: AccountId, dedupeKey: DedupeKey };

/**
 * `POST /v1/notifications` of the notifier's internal API: what another service (the margin-call
 * job, an operator tool) asks it to tell the account's linked chats.
 */
export const NotificationRequest = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('marginWarning'), data: MarginAlertData }),
  z.strictObject({ ...base, type: z.literal('marginCall'), data: MarginAlertData }),
  z.strictObject({ ...base, type: z.literal('tradingState'), data: TradingStateAlertData }),
]);
export type NotificationRequest = z.infer<typeof NotificationRequest>;

export const NotificationAccepted = z.strictObject({
  /** Chats the notification was written for now; 0 for a repeat or an account nobody follows. */
  queued: z.int().min(0),
});
export type NotificationAccepted = z.infer<typeof NotificationAccepted>;
