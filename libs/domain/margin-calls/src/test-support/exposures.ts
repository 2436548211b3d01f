import { Decimal } from '@perp/decimal';
import { identifierOf, type Position } from '@perp/trading-domain';
import type { HeldExposure } from '../margin-remedy.ts';

const d = Decimal.parse;

/** BTC-PERP and ETH-PERP as the local stack lists them (5 % maintenance). */
export const BTC = {
  tickSize: d('0.5'),
  lotSize: d('0.001'),
  minQuantity: d('0.001'),
  maxQuantity: d('100'),
  maxNotional: d('5000000'),
  maintenanceMarginRate: d('0.05'),
  priceBandRate: d('0.05'),
};
export const ETH = { ...BTC, tickSize: d('0.05'), lotSize: d('0.01'), minQuantity: d('0.01') };

export function position(symbol: string, quantity: string, entry: string): Position {
  const q = d(quantity);
  return {
    accountId: identifierOf('AccountId', 'carol'),
    symbol: identifierOf('InstrumentSymbol', symbol),
    quantity: q,
    costBasis: q.abs().mul(d(entry)),
    realizedPnl: Decimal.ZERO,
    fees: Decimal.ZERO,
  };
}

export function held(
  symbol: 'BTC-PERP' | 'ETH-PERP',
  quantity: string,
  mark: string,
): HeldExposure {
  return {
    position: position(symbol, quantity, mark),
    mark: d(mark),
    instrument: symbol === 'BTC-PERP' ? BTC : ETH,
  };
}
