import { z } from 'zod';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';

/** Cancel every open order of the account, or only those of `symbol`. The result is a CommandAck. */
export const OrderCancelAllParams = z.strictObject({ symbol: InstrumentSymbol.optional() });
export type OrderCancelAllParams = z.infer<typeof OrderCancelAllParams>;
