import { Decimal } from '@perp/decimal';
import {
  parseAccountId,
  parseClientOrderId,
  parseInstrumentSymbol,
  parseOrderId,
  parseTradeId,
  unwrap,
  type ExecutionReportFields,
} from '@perp/trading-domain';

export const d = (text: string): Decimal => Decimal.parse(text);

/** A resting BTC-PERP buy of 1 @ 60000 by alice, as a report of `execType`. */
export function report(overrides: Partial<ExecutionReportFields> = {}): ExecutionReportFields {
  return {
    accountId: unwrap(parseAccountId('alice')),
    orderId: unwrap(parseOrderId('ord-1')),
    clientOrderId: unwrap(parseClientOrderId('c-1')),
    symbol: unwrap(parseInstrumentSymbol('BTC-PERP')),
    side: 'buy',
    type: 'limit',
    timeInForce: 'gtc',
    price: d('60000'),
    quantity: d('1'),
    filledQuantity: d('0'),
    remainingQuantity: d('1'),
    avgFillPrice: null,
    status: 'accepted',
    execType: 'accepted',
    lastFillPrice: null,
    lastFillQuantity: null,
    fee: null,
    tradeId: null,
    reason: null,
    ts: 1_700_000_000_000,
    ...overrides,
  };
}

export function tradeReport(
  quantity: string,
  filled: string,
  tradeId = 't-1',
): ExecutionReportFields {
  const filledQuantity = d(filled);
  return report({
    execType: 'trade',
    status: filledQuantity.eq(d('1')) ? 'filled' : 'partially_filled',
    filledQuantity,
    remainingQuantity: d('1').sub(filledQuantity),
    avgFillPrice: d('60000.5'),
    lastFillPrice: d('60000.5'),
    lastFillQuantity: d(quantity),
    fee: d('0.0300003'),
    tradeId: unwrap(parseTradeId(tradeId)),
  });
}
