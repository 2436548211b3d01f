import { Decimal } from '@perp/decimal';
import { basisOf, identifierOf, type ContractType, type Position } from '@perp/trading-domain';
import type { HeldExposure } from '../margin-remedy.ts';

const d = Decimal.parse;

/** BTC-PERP and ETH-PERP as the local stack lists them (5 % maintenance). */
export const BTC = {
  contractType: 'linear' as ContractType,
  tickSize: d('0.5'),
  lotSize: d('0.001'),
  minQuantity: d('0.001'),
  maxQuantity: d('100'),
  maxNotional: d('5000000'),
  maintenanceMarginRate: d('0.05'),
  priceBandRate: d('0.05'),
};
export const ETH = { ...BTC, tickSize: d('0.05'), lotSize: d('0.01'), minQuantity: d('0.01') };
/** BTCUSD-INV: inverse, one contract is 1 USD of BTC (notional = quantity), 5 % maintenance. */
export const BTC_INV = {
  ...BTC,
  contractType: 'inverse' as ContractType,
  lotSize: d('1'),
  minQuantity: d('1'),
  maxQuantity: d('1000000'),
};

const INSTRUMENTS = { 'BTC-PERP': BTC, 'ETH-PERP': ETH, 'BTCUSD-INV': BTC_INV };

export function position(
  symbol: string,
  quantity: string,
  entry: string,
  contractType: ContractType = 'linear',
): Position {
  const q = d(quantity);
  return {
    accountId: identifierOf('AccountId', 'carol'),
    symbol: identifierOf('InstrumentSymbol', symbol),
    quantity: q,
    costBasis: basisOf(contractType, q.abs(), d(entry)),
    realizedPnl: Decimal.ZERO,
    fees: Decimal.ZERO,
  };
}

export function held(
  symbol: keyof typeof INSTRUMENTS,
  quantity: string,
  mark: string,
): HeldExposure {
  const instrument = INSTRUMENTS[symbol];
  return {
    position: position(symbol, quantity, mark, instrument.contractType),
    mark: d(mark),
    instrument,
  };
}
