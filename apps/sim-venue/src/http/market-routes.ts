import { Decimal } from '@perp/decimal';
import type { SimMarket } from '@perp/venue-adapter';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IndexPriceFeed } from '../index-price/index-price-feed.ts';
import type { SimVenue } from '../sim-venue.ts';
import { describeIssues, sendError } from './errors.ts';

const MAX_BOOK_DEPTH = 1000;
const BookQuery = z.object({
  depth: z.coerce.number().int().min(1).max(MAX_BOOK_DEPTH).default(20),
});
const SymbolPath = z.object({ symbol: z.string() });
const IndexPriceBody = z.strictObject({
  symbol: z.string().min(1),
  price: z
    .string()
    .regex(/^(?:0|[1-9]\d{0,19})(?:\.\d{1,18})?$/, 'must be a decimal string such as "30000"')
    .refine((text) => Decimal.tryParse(text)?.isPositive() ?? false, 'must be above 0'),
});

/** GET /v1/markets/:symbol, /v1/book/:symbol?depth=N and /v1/instruments. */
export function registerMarketRoutes(
  app: FastifyInstance,
  venue: SimVenue,
  index: IndexPriceFeed,
  clock: () => number,
): void {
  app.get('/v1/instruments', async () => venue.instruments());

  app.get('/v1/markets/:symbol', async (request, reply) => {
    const { symbol } = SymbolPath.parse(request.params);
    const top = venue.topOfBook(symbol);
    const mark = index.price(symbol)?.toString();
    if (top === undefined || mark === undefined) {
      return sendError(reply, 404, 'UNKNOWN_SYMBOL', `${symbol} is not listed`);
    }
    const market: SimMarket = {
      symbol: top.symbol,
      // The simulator's mark is its index: no funding or fair-price model sets them apart.
      markPrice: mark,
      indexPrice: mark,
      bestBid: top.bestBid?.price ?? null,
      bestAsk: top.bestAsk?.price ?? null,
      ts: clock(),
    };
    return market;
  });

  app.get('/v1/book/:symbol', async (request, reply) => {
    const { symbol } = SymbolPath.parse(request.params);
    const query = BookQuery.safeParse(request.query);
    if (!query.success) return sendError(reply, 400, 'INVALID_DEPTH', describeIssues(query.error));
    const book = venue.book(symbol, query.data.depth);
    if (book === undefined)
      return sendError(reply, 404, 'UNKNOWN_SYMBOL', `${symbol} is not listed`);
    return book;
  });

  // An operator's move of the index (and so the mark), for margin scenarios; the walk goes on from
  // there. The simulator's HTTP port is internal, as its order routes are.
  app.post('/v1/admin/index-price', async (request, reply) => {
    const body = IndexPriceBody.safeParse(request.body);
    if (!body.success) return sendError(reply, 400, 'INVALID_BODY', describeIssues(body.error));
    const { symbol, price } = body.data;
    const moved = index.moveTo(symbol, Decimal.parse(price));
    if (moved === undefined)
      return sendError(reply, 404, 'UNKNOWN_SYMBOL', `${symbol} is not listed`);
    request.log.info({ symbol, indexPrice: moved.toString() }, 'index price moved by an operator');
    return { symbol, indexPrice: moved.toString(), ts: clock() };
  });

  // The stream paths speak WebSocket only.
  for (const path of ['/v1/stream', '/v1/market']) {
    app.get(path, async (_request, reply) =>
      sendError(reply, 426, 'UPGRADE_REQUIRED', `${path} is a WebSocket endpoint`),
    );
  }
}
