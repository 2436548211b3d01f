import type { Instrument } from '@perp/trading-domain';

/**
 * The part of an instrument the quote model needs: its grid (tick, lot) and order size limits.
 * A trading-domain `Instrument` is one; tests and the bot's config can pass just these fields.
 */
export type QuoteInstrument = Pick<
  Instrument,
  'symbol' | 'tickSize' | 'lotSize' | 'minQuantity' | 'maxQuantity'
>;
