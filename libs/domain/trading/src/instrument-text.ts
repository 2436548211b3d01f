import { Decimal } from '@perp/decimal';
import { identifierOf } from './identifiers.ts';
import {
  defineInstrument,
  type ContractType,
  type Instrument,
  type InstrumentStatus,
} from './instrument.ts';

/** An instrument as configuration writes it: decimals as text (seed data, operator input). */
export interface InstrumentText {
  readonly symbol: string;
  /** Default `linear`. */
  readonly contractType?: ContractType;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly tickSize: string;
  readonly lotSize: string;
  readonly minQuantity: string;
  readonly maxQuantity: string;
  readonly maxNotional: string;
  readonly initialMarginRate: string;
  readonly maintenanceMarginRate: string;
  readonly priceBandRate: string;
  readonly status: InstrumentStatus;
}

/** Parses and checks it (`defineInstrument`): a malformed id, decimal or rule throws. */
export function instrumentFromText(text: InstrumentText): Instrument {
  return defineInstrument({
    symbol: identifierOf('InstrumentSymbol', text.symbol),
    ...(text.contractType === undefined ? {} : { contractType: text.contractType }),
    baseAsset: identifierOf('AssetCode', text.baseAsset),
    quoteAsset: identifierOf('AssetCode', text.quoteAsset),
    tickSize: Decimal.parse(text.tickSize),
    lotSize: Decimal.parse(text.lotSize),
    minQuantity: Decimal.parse(text.minQuantity),
    maxQuantity: Decimal.parse(text.maxQuantity),
    maxNotional: Decimal.parse(text.maxNotional),
    initialMarginRate: Decimal.parse(text.initialMarginRate),
    maintenanceMarginRate: Decimal.parse(text.maintenanceMarginRate),
    priceBandRate: Decimal.parse(text.priceBandRate),
    status: text.status,
  });
}
