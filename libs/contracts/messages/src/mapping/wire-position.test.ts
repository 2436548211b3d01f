import { Decimal } from '@perp/decimal';
import { applyFill, flatPosition, identifierOf } from '@perp/trading-domain';
import { describe, expect, it } from 'vitest';
import { Position } from '../events/position.ts';
import { wirePosition } from './wire-position.ts';

const d = Decimal.parse;
const alice = identifierOf('AccountId', 'alice');
const symbol = identifierOf('InstrumentSymbol', 'BTCUSD-INV');
const buy = (quantity: string, price: string) => ({
  symbol,
  side: 'buy' as const,
  quantity: d(quantity),
  price: d(price),
  fee: Decimal.ZERO,
});

describe('wirePosition', () => {
  it('values an inverse position by its contract type: harmonic entry, PnL of the BTC it holds', () => {
    let position = flatPosition(alice, symbol);
    position = applyFill(position, buy('100', '50000'), 'inverse').position;
    position = applyFill(position, buy('100', '40000'), 'inverse').position;
    const wire = wirePosition(position, d('45000'), 1, 'inverse');
    expect(Position.parse(wire)).toEqual(wire);
    expect(wire).toMatchObject({
      quantity: '200',
      entryPrice: '44444.444444444444444444',
      markPrice: '45000',
      unrealizedPnl: '2.5',
    });
    // Read as linear, the same record would claim an entry of 0.0000225 and a 9 million gain.
    expect(wirePosition(position, d('45000'), 1, 'linear').entryPrice).toBe('0.0000225');
  });
});
