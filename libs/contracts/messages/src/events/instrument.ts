import { z } from 'zod';
import { PositiveDecimal } from '../primitives/decimal.ts';
import { AssetCode, InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { InstrumentStatus } from '../trading/trading-state.ts';

/**
 * A linear perpetual as public.instruments lists it. Prices are multiples of `tickSize`,
 * quantities multiples of `lotSize`; margin rates are fractions of notional ("0.05" is 5 %).
 */
export const Instrument = z.strictObject({
  symbol: InstrumentSymbol,
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
