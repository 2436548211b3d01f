import {
  ExecTypes,
  Liquidities,
  OrderSides,
  OrderStatuses,
  OrderTypes,
  TimesInForce,
} from '@perp/trading-domain';
import { z } from 'zod';

// The order vocabulary is the domain's (libs/domain/trading); the wire values are its values.

export const OrderSide = z.enum(OrderSides);
export type OrderSide = z.infer<typeof OrderSide>;

export const OrderType = z.enum(OrderTypes);
export type OrderType = z.infer<typeof OrderType>;

/** Good till canceled (default), immediate or cancel, fill or kill. */
export const TimeInForce = z.enum(TimesInForce);
export type TimeInForce = z.infer<typeof TimeInForce>;

/** `denied` is our own risk check; `rejected` is the venue. */
export const OrderStatus = z.enum(OrderStatuses);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Why an execution report was sent. */
export const ExecType = z.enum(ExecTypes);
export type ExecType = z.infer<typeof ExecType>;

/** Whether our side of a fill rested on the book (maker) or took liquidity (taker). */
export const Liquidity = z.enum(Liquidities);
export type Liquidity = z.infer<typeof Liquidity>;

/** Acknowledge once queued (default), or wait for the OMS's first verdict: a gateway concern. */
export const RespType = z.enum(['ack', 'result']);
export type RespType = z.infer<typeof RespType>;
