import { wireInstrument } from '@perp/contracts';
import { failures } from '../rpc/rpc-failure.ts';
import type { AccountReaders } from '@perp/account-views';
import type { MethodHandler } from '../rpc/method-handler.ts';

/** The public methods read the catalog, the venue's book and the clock. */
type PublicContext = Pick<AccountReaders, 'instruments' | 'market' | 'clock'>;

export const publicPing: MethodHandler<'public.ping', PublicContext> = async (ctx) => ({
  ts: ctx.clock(),
});

export const publicTime: MethodHandler<'public.time', PublicContext> = async (ctx) => ({
  serverTime: ctx.clock(),
});

// Market data is what a socket may use without logging in: asking for it keeps an anonymous
// socket past the authentication deadline (public.ping and public.time do not).
export const publicInstruments: MethodHandler<'public.instruments', PublicContext> = async (
  ctx,
  { connection },
) => {
  connection.readMarketData();
  return (await ctx.instruments.list()).map((entry) =>
    wireInstrument(entry.instrument, entry.symbolState),
  );
};

/** The venue's book; a symbol we do not list is unknown even if the venue has it. */
export const publicBook: MethodHandler<'public.book', PublicContext> = async (
  ctx,
  { params, connection },
) => {
  connection.readMarketData();
  if (!(await ctx.instruments.get(params.symbol))) throw failures.unknownSymbol(params.symbol);
  const book = await ctx.market.book(params.symbol, params.depth);
  if (!book) throw failures.unknownSymbol(params.symbol);
  return book;
};
