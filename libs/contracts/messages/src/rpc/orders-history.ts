import { z } from 'zod';
import { Order } from '../events/order.ts';
import { listQueryShape } from './list-query.ts';

export const OrdersHistoryParams = z.strictObject(listQueryShape);
export type OrdersHistoryParams = z.infer<typeof OrdersHistoryParams>;

/** Newest first. */
export const OrdersHistoryResult = z.array(Order);
export type OrdersHistoryResult = z.infer<typeof OrdersHistoryResult>;
