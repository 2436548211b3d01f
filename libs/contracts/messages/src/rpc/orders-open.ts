import { z } from 'zod';
import { Order } from '../events/order.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';

export const OrdersOpenParams = z.strictObject({ symbol: InstrumentSymbol.optional() });
export type OrdersOpenParams = z.infer<typeof OrdersOpenParams>;

export const OrdersOpenResult = z.array(Order);
export type OrdersOpenResult = z.infer<typeof OrdersOpenResult>;
