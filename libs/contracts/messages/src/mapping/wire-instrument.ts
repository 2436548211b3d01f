import { strictestTradingState, type Instrument, type TradingState } from '@perp/trading-domain';
import type { Instrument as WireInstrument } from '../events/instrument.ts';
import type { InstrumentStatus as WireInstrumentStatus } from '../trading/trading-state.ts';
import { decimalText } from './decimal-text.ts';

const STATUS_OF_STATE: Readonly<Record<TradingState, WireInstrumentStatus>> = {
  active: 'trading',
  reducing: 'reducing',
  halted: 'halted',
};

/**
 * The instrument with its effective symbol-level status: its listing status, made stricter by an
 * operator's symbol trading state (`trading` is the wire word for `active`).
 */
export function wireInstrument(instrument: Instrument, symbolState: TradingState): WireInstrument {
  let status: WireInstrumentStatus = instrument.status;
  if (status !== 'delisted') {
    const listing: TradingState = status === 'trading' ? 'active' : status;
    status = STATUS_OF_STATE[strictestTradingState(listing, symbolState)];
  }
  return {
    symbol: instrument.symbol,
    contractType: instrument.contractType,
    baseAsset: instrument.baseAsset,
    quoteAsset: instrument.quoteAsset,
    tickSize: decimalText(instrument.tickSize),
    lotSize: decimalText(instrument.lotSize),
    minQuantity: decimalText(instrument.minQuantity),
    maxQuantity: decimalText(instrument.maxQuantity),
    maxNotional: decimalText(instrument.maxNotional),
    initialMarginRate: decimalText(instrument.initialMarginRate),
    maintenanceMarginRate: decimalText(instrument.maintenanceMarginRate),
    status,
  };
}
