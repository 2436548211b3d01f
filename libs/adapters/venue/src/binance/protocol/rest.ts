// Binance USDⓈ-M futures REST answers, as documented (derivatives/usds-margined-futures). Only
// the fields the adapter reads are required; the venue adds fields over time.

import { z } from 'zod';

const WireDecimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string');

/** Every error: HTTP 4xx/5xx with this body. */
export const BinanceErrorBody = z.object({ code: z.number().int(), msg: z.string() });

export const BinanceOrderStatus = z.enum([
  'NEW',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
  'EXPIRED_IN_MATCH',
]);

/** POST, DELETE and GET /fapi/v1/order, and each of GET /fapi/v1/openOrders. */
export const BinanceOrder = z.object({
  orderId: z.number().int(),
  symbol: z.string(),
  status: BinanceOrderStatus,
  clientOrderId: z.string(),
  price: WireDecimal,
  origQty: WireDecimal,
  executedQty: WireDecimal,
  side: z.enum(['BUY', 'SELL']),
  type: z.string(),
  timeInForce: z.string(),
  updateTime: z.number().int(),
  /** On queries, not on the answer to a new order. */
  time: z.number().int().optional(),
});
export type BinanceOrder = z.infer<typeof BinanceOrder>;

export const BinanceOrders = z.array(BinanceOrder);

/** GET /fapi/v1/userTrades. `commission` is what the trade cost (negative: a rebate). */
export const BinanceUserTrades = z.array(
  z.object({
    id: z.number().int(),
    orderId: z.number().int(),
    symbol: z.string(),
    price: WireDecimal,
    qty: WireDecimal,
    commission: WireDecimal,
    commissionAsset: z.string(),
    maker: z.boolean(),
    time: z.number().int(),
  }),
);
export type BinanceUserTrade = z.infer<typeof BinanceUserTrades>[number];

export const BinancePremiumIndex = z.object({
  symbol: z.string(),
  markPrice: WireDecimal,
  indexPrice: WireDecimal,
  time: z.number().int(),
});

export const BinanceBookTicker = z.object({
  symbol: z.string(),
  bidPrice: WireDecimal,
  askPrice: WireDecimal,
});

/** GET /fapi/v1/exchangeInfo: the filters that decide which prices and sizes are valid. */
export const BinanceExchangeInfo = z.object({
  symbols: z.array(
    z
      .object({
        symbol: z.string(),
        status: z.string(),
        filters: z.array(
          z.union([
            z.object({
              filterType: z.literal('PRICE_FILTER'),
              tickSize: WireDecimal,
              minPrice: WireDecimal,
              maxPrice: WireDecimal,
            }),
            z.object({
              filterType: z.literal('LOT_SIZE'),
              stepSize: WireDecimal,
              minQty: WireDecimal,
              maxQty: WireDecimal,
            }),
            z.object({ filterType: z.literal('MIN_NOTIONAL'), notional: WireDecimal }),
            z.object({ filterType: z.string() }).loose(),
          ]),
        ),
      })
      .loose(),
  ),
});

export const BinanceServerTime = z.object({ serverTime: z.number().int() });
export const BinanceListenKey = z.object({ listenKey: z.string().min(1) });

/** GET /fapi/v3/positionRisk: symbols with a position or open orders (one-way mode: BOTH). */
export const BinancePositionRisk = z.array(
  z.object({
    symbol: z.string(),
    positionSide: z.string(),
    positionAmt: WireDecimal,
    entryPrice: WireDecimal,
  }),
);
