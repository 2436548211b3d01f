import { z } from 'zod';
import { BOOK_MAX_DEPTH } from '../events/book.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';

/** `depth`: levels per side; absent means the server's default. The result is a BookSnapshot. */
export const PublicBookParams = z.strictObject({
  symbol: InstrumentSymbol,
  depth: z.int().min(1).max(BOOK_MAX_DEPTH).optional(),
});
export type PublicBookParams = z.infer<typeof PublicBookParams>;
