import { z } from 'zod';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { BookSnapshot, BookUpdate } from './book.ts';
import { PublicTrade } from './public-trade.ts';
import { Ticker } from './ticker.ts';

export const MARKET_DATA_EVENT_VERSIONS = [1] as const;

const base = { version: z.literal(1), symbol: InstrumentSymbol };

/** Public market data as a venue publishes it for the gateways; `data.symbol` must equal `symbol`. */
export const MarketDataEvent = z
  .discriminatedUnion('type', [
    z.strictObject({ ...base, type: z.literal('book.snapshot'), data: BookSnapshot }),
    z.strictObject({ ...base, type: z.literal('book.update'), data: BookUpdate }),
    z.strictObject({ ...base, type: z.literal('trade'), data: PublicTrade }),
    z.strictObject({ ...base, type: z.literal('ticker'), data: Ticker }),
  ])
  .superRefine((event, ctx) => {
    if (event.data.symbol !== event.symbol) {
      ctx.addIssue({
        code: 'custom',
        path: ['data', 'symbol'],
        message: 'must equal symbol',
        input: event.data.symbol,
      });
    }
  });
export type MarketDataEvent = z.infer<typeof MarketDataEvent>;
export type MarketDataEventType = MarketDataEvent['type'];

const marketDataEventTypes: Record<MarketDataEventType, true> = {
  'book.snapshot': true,
  'book.update': true,
  trade: true,
  ticker: true,
};
export const MARKET_DATA_EVENT_TYPES = Object.keys(
  marketDataEventTypes,
) as readonly MarketDataEventType[];
