import type { Fill } from '@perp/trading-domain';
import type { Fill as WireFill } from '../events/fill.ts';
import { decimalText } from './decimal-text.ts';

export function wireFill(fill: Fill): WireFill {
  return {
    accountId: fill.accountId,
    orderId: fill.orderId,
    clientOrderId: fill.clientOrderId,
    symbol: fill.symbol,
    side: fill.side,
    tradeId: fill.tradeId,
    price: decimalText(fill.price),
    quantity: decimalText(fill.quantity),
    fee: decimalText(fill.fee),
    liquidity: fill.liquidity,
    ts: fill.ts,
  };
}
