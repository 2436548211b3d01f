import type { Decimal } from '@perp/decimal';
import { entryPrice, unrealizedPnl, type ContractType, type Position } from '@perp/trading-domain';
import type { Position as WirePosition } from '../events/position.ts';
import { decimalText, decimalTextOrNull } from './decimal-text.ts';

/** A position valued at `mark`, as of `ts`, by its instrument's contract type. */
export function wirePosition(
  position: Position,
  mark: Decimal,
  ts: number,
  contractType: ContractType,
): WirePosition {
  return {
    accountId: position.accountId,
    symbol: position.symbol,
    quantity: decimalText(position.quantity),
    entryPrice: decimalTextOrNull(entryPrice(position, contractType)),
    markPrice: decimalText(mark),
    unrealizedPnl: decimalText(unrealizedPnl(position, mark, contractType)),
    realizedPnl: decimalText(position.realizedPnl),
    ts,
  };
}
