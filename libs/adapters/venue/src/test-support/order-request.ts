import { Decimal } from '@perp/decimal';
import { newOrderId, type AccountId, type InstrumentSymbol } from '@perp/trading-domain';
import type { VenueOrderRequest } from '../venue-client.ts';

/** A fresh buy limit GTC order of alice's, as the OMS routes it; each call a new order id. */
export function orderRequest(
  base: { readonly symbol: string; readonly price: string; readonly quantity: string },
  overrides: Partial<VenueOrderRequest> = {},
): VenueOrderRequest {
  return {
    accountId: 'alice' as AccountId,
    orderId: newOrderId(Date.now()),
    symbol: base.symbol as InstrumentSymbol,
    side: 'buy',
    type: 'limit',
    timeInForce: 'gtc',
    price: Decimal.parse(base.price),
    quantity: Decimal.parse(base.quantity),
    postOnly: false,
    reduceOnly: false,
    ...overrides,
  };
}
