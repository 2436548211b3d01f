import {
  InstrumentSymbol,
  NonNegativeDecimal,
  OrderSide,
  PositiveDecimal,
  TimestampMs,
  TradeId,
} from '@perp/contracts';
import { z } from 'zod';
import { SimOrderEvent } from './order-events.ts';

// Messages of the sim-venue's WebSocket paths, one JSON object per text frame.
// /v1/stream?since=<eventSeq>&journalId=<id>: `welcome`, then every private order event after
// `since` (replayed), then live ones, plus `heartbeat`s; public channels on request.
// /v1/market: public channels only. Public channels: book.SYMBOL, trades.SYMBOL, ticker.SYMBOL.

/**
 * First message of every connection. `journalId` names the venue's journal: event numbers are
 * only comparable within one journal. `since` is where this connection resumes: the `since`
 * asked for, or 0 when the client named another journal (the venue's data was reset).
 */
export const SimWelcome = z.object({
  type: z.literal('welcome'),
  journalId: z.string().min(1),
  lastEventSeq: z.int().min(0),
  since: z.int().min(0),
  heartbeatMs: z.int().min(1),
});
export type SimWelcome = z.infer<typeof SimWelcome>;

export const SimOrderMessage = z.object({ type: z.literal('order'), event: SimOrderEvent });
export type SimOrderMessage = z.infer<typeof SimOrderMessage>;

/** Sent every `heartbeatMs` on /v1/stream: silence longer than that means a dead connection. */
export const SimHeartbeat = z.object({
  type: z.literal('heartbeat'),
  lastEventSeq: z.int().min(0),
  ts: TimestampMs,
});
export type SimHeartbeat = z.infer<typeof SimHeartbeat>;

/** `[price, quantity]`; in an update, quantity "0" removes the level. */
const level = z.tuple([PositiveDecimal, NonNegativeDecimal]);

/** The whole book at `seq` (snapshot), or the levels one command changed (update, seq + 1). */
export const SimBookData = z.object({
  symbol: InstrumentSymbol,
  bids: z.array(level),
  asks: z.array(level),
  seq: z.int().min(0),
  ts: TimestampMs,
});
export type SimBookData = z.infer<typeof SimBookData>;

export const SimTradeData = z.object({
  symbol: InstrumentSymbol,
  tradeId: TradeId,
  price: PositiveDecimal,
  quantity: PositiveDecimal,
  takerSide: OrderSide,
  ts: TimestampMs,
});
export type SimTradeData = z.infer<typeof SimTradeData>;

/** Top of book, last trade, mark and index; null where there is none. */
export const SimTickerData = z.object({
  symbol: InstrumentSymbol,
  bestBidPrice: PositiveDecimal.nullable(),
  bestBidQuantity: PositiveDecimal.nullable(),
  bestAskPrice: PositiveDecimal.nullable(),
  bestAskQuantity: PositiveDecimal.nullable(),
  lastPrice: PositiveDecimal.nullable(),
  markPrice: PositiveDecimal,
  indexPrice: PositiveDecimal,
  ts: TimestampMs,
});
export type SimTickerData = z.infer<typeof SimTickerData>;

export const SimPublicMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('book'),
    channel: z.string(),
    snapshot: z.boolean(),
    data: SimBookData,
  }),
  z.object({ type: z.literal('trade'), channel: z.string(), data: SimTradeData }),
  z.object({ type: z.literal('ticker'), channel: z.string(), data: SimTickerData }),
]);
export type SimPublicMessage = z.infer<typeof SimPublicMessage>;

export const SimControlMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribed'), channels: z.array(z.string()) }),
  z.object({ type: z.literal('unsubscribed'), channels: z.array(z.string()) }),
  z.object({ type: z.literal('pong'), ts: TimestampMs }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type SimControlMessage = z.infer<typeof SimControlMessage>;

export type SimStreamMessage =
  SimWelcome | SimOrderMessage | SimHeartbeat | SimPublicMessage | SimControlMessage;

/** What a client sends: `{"op":"subscribe","channels":["book.BTC-PERP"]}`, or `{"op":"ping"}`. */
export const SimClientRequest = z.discriminatedUnion('op', [
  z.object({ op: z.literal('subscribe'), channels: z.array(z.string()).min(1).max(100) }),
  z.object({ op: z.literal('unsubscribe'), channels: z.array(z.string()).min(1).max(100) }),
  z.object({ op: z.literal('ping') }),
]);
export type SimClientRequest = z.infer<typeof SimClientRequest>;
