import { z } from 'zod';

// Order vocabulary exactly as ws-api.md spells it; the wire values are the TypeScript values.

export const OrderSide = z.enum(['buy', 'sell']);
export type OrderSide = z.infer<typeof OrderSide>;

export const OrderType = z.enum(['limit', 'market']);
export type OrderType = z.infer<typeof OrderType>;

/** Good till canceled (default), immediate or cancel, fill or kill. */
export const TimeInForce = z.enum(['gtc', 'ioc', 'fok']);
export type TimeInForce = z.infer<typeof TimeInForce>;

/** `denied` is our own risk check; `rejected` is the venue. */
export const OrderStatus = z.enum([
  'submitted',
  'accepted',
  'partially_filled',
  'filled',
  'pending_cancel',
  'canceled',
  'denied',
  'rejected',
  'expired',
]);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Why an execution report was sent. */
export const ExecType = z.enum([
  'accepted',
  'denied',
  'rejected',
  'trade',
  'canceled',
  'expired',
  'cancel_rejected',
]);
export type ExecType = z.infer<typeof ExecType>;

/** Whether our side of a fill rested on the book (maker) or took liquidity (taker). */
export const Liquidity = z.enum(['maker', 'taker']);
export type Liquidity = z.infer<typeof Liquidity>;

/** Acknowledge once queued (default), or wait for the OMS's first verdict. */
export const RespType = z.enum(['ack', 'result']);
export type RespType = z.infer<typeof RespType>;
