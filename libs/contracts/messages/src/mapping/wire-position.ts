import type { Decimal } from '@perp/decimal';
import { entryPrice, unrealizedPnl, type Position } from '@perp/trading-domain';
import type { Position as WirePosition } from '../events/position.ts';
import { decimalText, decimalTextOrNull } from './decimal-text.ts';

/** A position valued at `mark`, as of `ts`. */
export function wirePosition(position: Position, mark: Decimal, ts: number): WirePosition {
  return {
    accountId: position.accountId,
    symbol: position.symbol,
    quantity: decimalText(position.quantity),
    entryPrice: decimalTextOrNull(entryPrice(position)),
    markPrice: decimalText(mark),
    unrealizedPnl: decimalText(unrealizedPnl(position, mark)),
    realizedPnl: decimalText(position.realizedPnl),
    ts,
  };
}
