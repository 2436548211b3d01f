// Our orders as Hyperliquid actions, in the field order its signature depends on (the official
// SDK's `order_request_to_order_wire`). A price or size the venue would refuse is refused here,
// before signing, with the venue's rule in words: a trader's limit is never rounded. A market
// order is an IOC limit at a bound the caller sets (the SDK uses mid ± 5 %), rounded into the
// rules away from the touch.

import { Rounding, type Decimal } from '@perp/decimal';
import type { VenueOrderRef, VenueOrderRequest } from '../venue-client.ts';
import { cloidOf, type Cloid } from './cloid.ts';
import type { HyperliquidAction } from './l1-signing.ts';
import {
  priceViolation,
  roundPrice,
  sizeViolation,
  wireNumber,
  type HyperliquidAssetRules,
} from './wire-numbers.ts';

/** One listed perp: its index in `meta.universe` (the `a` of actions), name and size rules. */
export interface HyperliquidAsset extends HyperliquidAssetRules {
  readonly asset: number;
  readonly coin: string;
}

export type OrderActionResult =
  | { readonly ok: true; readonly action: HyperliquidAction; readonly cloid: Cloid }
  | { readonly ok: false; readonly message: string };

type Tif = 'Gtc' | 'Ioc' | 'Alo';

function tifOf(request: VenueOrderRequest): Tif | string {
  if (request.postOnly) return request.timeInForce === 'gtc' ? 'Alo' : 'post-only needs GTC';
  if (request.type === 'market' || request.timeInForce === 'ioc') return 'Ioc';
  if (request.timeInForce === 'gtc') return 'Gtc';
  return 'Hyperliquid has no fill-or-kill orders';
}

/**
 * The `order` action of one order. `marketBound` is the worst price a market order may fill at
 * (required for market orders, ignored for limits).
 */
export function orderAction(
  request: VenueOrderRequest,
  asset: HyperliquidAsset,
  marketBound?: Decimal,
): OrderActionResult {
  const tif = tifOf(request);
  if (tif !== 'Gtc' && tif !== 'Ioc' && tif !== 'Alo') return { ok: false, message: tif };
  const isBuy = request.side === 'buy';
  let price: Decimal;
  if (request.type === 'market') {
    if (!marketBound) return { ok: false, message: 'a market order needs a price bound' };
    price = roundPrice(marketBound, asset, isBuy ? Rounding.Ceil : Rounding.Floor);
  } else {
    if (!request.price) return { ok: false, message: 'a limit order needs a price' };
    price = request.price;
    const violation = priceViolation(price, asset);
    if (violation) return { ok: false, message: violation };
  }
  const sizeProblem = sizeViolation(request.quantity, asset);
  if (sizeProblem) return { ok: false, message: sizeProblem };
  const cloid = cloidOf(request.orderId);
  return {
    ok: true,
    cloid,
    action: {
      type: 'order',
      orders: [
        {
          a: asset.asset,
          b: isBuy,
          p: wireNumber(price),
          s: wireNumber(request.quantity),
          r: request.reduceOnly,
          t: { limit: { tif } },
          c: cloid,
        },
      ],
      grouping: 'na',
    },
  };
}

/** Cancels by our cloid, so a cancel needs no venue order id (one may never have come back). */
export function cancelByCloidAction(
  ref: VenueOrderRef,
  asset: HyperliquidAsset,
): HyperliquidAction {
  return { type: 'cancelByCloid', cancels: [{ asset: asset.asset, cloid: cloidOf(ref.orderId) }] };
}
