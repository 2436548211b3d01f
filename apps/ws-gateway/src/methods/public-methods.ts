import { wireInstrument } from '@perp/contracts';
import { failures } from '../rpc/rpc-failure.ts';
import type { MethodHandler } from './method-handler.ts';

export const publicPing: MethodHandler<'public.ping'> = async (ctx) => ({ ts: ctx.clock() });

export const publicTime: MethodHandler<'public.time'> = async (ctx) => ({
  serverTime: ctx.clock(),
});

export const publicInstruments: MethodHandler<'public.instruments'> = async (ctx) =>
  (await ctx.instruments.list()).map((entry) =>
    wireInstrument(entry.instrument, entry.symbolState),
  );

/** The venue's book; a symbol we do not list is unknown even if the venue has it. */
export const publicBook: MethodHandler<'public.book'> = async (ctx, { params }) => {
  if (!(await ctx.instruments.get(params.symbol))) throw failures.unknownSymbol(params.symbol);
  const book = await ctx.market.book(params.symbol, params.depth);
  if (!book) throw failures.unknownSymbol(params.symbol);
  return book;
};
