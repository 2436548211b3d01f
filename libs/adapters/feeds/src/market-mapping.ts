import type { BookUpdate, PublicTrade, Ticker } from '@perp/contracts';
import type { SimBookData, SimTickerData, SimTradeData } from '@perp/venue-adapter';

// The sim-venue's public messages in the shapes of the trader API (contracts' channel data):
// field by field, so nothing the venue adds leaks to traders.

export function bookUpdateOf(data: SimBookData): BookUpdate {
  return {
    symbol: data.symbol,
    bids: data.bids.map(([price, quantity]) => [price, quantity]),
    asks: data.asks.map(([price, quantity]) => [price, quantity]),
    seq: data.seq,
    ts: data.ts,
  };
}

export function publicTradeOf(data: SimTradeData): PublicTrade {
  return {
    symbol: data.symbol,
    tradeId: data.tradeId,
    price: data.price,
    quantity: data.quantity,
    takerSide: data.takerSide,
    ts: data.ts,
  };
}

/** The venue's index price is not part of the trader's ticker. */
export function tickerOf(data: SimTickerData): Ticker {
  return {
    symbol: data.symbol,
    bestBidPrice: data.bestBidPrice,
    bestBidQuantity: data.bestBidQuantity,
    bestAskPrice: data.bestAskPrice,
    bestAskQuantity: data.bestAskQuantity,
    lastPrice: data.lastPrice,
    markPrice: data.markPrice,
    ts: data.ts,
  };
}
