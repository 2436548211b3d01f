import { ContractTypes } from '@perp/trading-domain';
import { z } from 'zod';
import { PositiveDecimal } from '../primitives/decimal.ts';
import { AssetCode, InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { InstrumentStatus } from '../trading/trading-state.ts';

/**
 * A perpetual as public.instruments lists it. Prices are multiples of `tickSize`, quantities
 * multiples of `lotSize`; margin rates are fractions of notional ("0.05" is 5 %). `linear`: the
 * quantity is in the base asset and notional = quantity x price; `inverse`: the quantity is a
 * number of contracts worth one unit of the quote asset each (notional = quantity).
 */
export const Instrument = z.strictObject({
  symbol: InstrumentSymbol,
  contractType: z.enum(ContractTypes),
  baseAsset: AssetCode,
  quoteAsset: AssetCode,
  tickSize: PositiveDecimal,
  lotSize: PositiveDecimal,
  minQuantity: PositiveDecimal,
  maxQuantity: PositiveDecimal,
  maxNotional: PositiveDecimal,
  initialMarginRate: PositiveDecimal,
  maintenanceMarginRate: PositiveDecimal,
  status: InstrumentStatus,
});
export type Instrument = z.infer<typeof Instrument>;
