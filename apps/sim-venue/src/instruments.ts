import { Decimal } from '@perp/decimal';
import { parseInstrumentSymbol, type InstrumentSymbol } from '@perp/trading-domain';

/** One instrument the venue lists: a symbol, its price and quantity steps, its first index price. */
export interface InstrumentSpec {
  readonly symbol: InstrumentSymbol;
  readonly tickSize: string;
  readonly lotSize: string;
  readonly startPrice: string;
}

/** An instrument as configuration writes it, before `checkInstrument`. */
export type InstrumentSpecText = Omit<InstrumentSpec, 'symbol'> & { readonly symbol: string };

export const DEFAULT_INSTRUMENTS: readonly InstrumentSpec[] = [
  { symbol: 'BTC-PERP', tickSize: '0.5', lotSize: '0.001', startPrice: '60000' },
  { symbol: 'ETH-PERP', tickSize: '0.05', lotSize: '0.01', startPrice: '3000' },
].map(checkInstrument);

/**
 * `SIM_VENUE_SYMBOLS`: comma-separated `SYMBOL[:TICK:LOT:START]`. A bare symbol takes the
 * built-in defaults (BTC-PERP, ETH-PERP). Throws a RangeError that says what is wrong.
 */
export function parseInstrumentList(text: string): InstrumentSpec[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  if (items.length === 0) throw new RangeError('must name at least one symbol');
  const specs = items.map(parseInstrument);
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.symbol)) throw new RangeError(`${spec.symbol} is listed twice`);
    seen.add(spec.symbol);
  }
  return specs;
}

function parseInstrument(item: string): InstrumentSpec {
  const [symbol = '', ...steps] = item.split(':');
  if (steps.length === 0) {
    const known = DEFAULT_INSTRUMENTS.find((spec) => spec.symbol === symbol);
    if (known === undefined) {
      throw new RangeError(`${symbol} has no defaults: write it as SYMBOL:TICK:LOT:START`);
    }
    return known;
  }
  if (steps.length !== 3) throw new RangeError(`"${item}" is not SYMBOL:TICK:LOT:START`);
  const [tickSize = '', lotSize = '', startPrice = ''] = steps;
  return checkInstrument({ symbol, tickSize, lotSize, startPrice });
}

/** Throws unless the symbol is well-formed, the steps are positive and the start is on the tick. */
export function checkInstrument(spec: InstrumentSpecText): InstrumentSpec {
  const symbol = parseInstrumentSymbol(spec.symbol);
  if (!symbol.ok) throw new RangeError(`"${spec.symbol}" is not a symbol such as BTC-PERP`);
  const tick = positive(spec.symbol, 'tick size', spec.tickSize);
  positive(spec.symbol, 'lot size', spec.lotSize);
  const start = positive(spec.symbol, 'start price', spec.startPrice);
  if (!start.isMultipleOf(tick)) {
    throw new RangeError(`${spec.symbol}: start price ${spec.startPrice} is not on the tick`);
  }
  return { ...spec, symbol: symbol.value };
}

function positive(symbol: string, what: string, text: string): Decimal {
  const value = Decimal.tryParse(text);
  if (value === undefined || !value.isPositive()) {
    throw new RangeError(`${symbol}: ${what} "${text}" is not a positive decimal`);
  }
  return value;
}
