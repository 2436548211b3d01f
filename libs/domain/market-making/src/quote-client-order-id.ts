import {
  IdentifierGrammars,
  identifierOf,
  parseInstrumentSymbol,
  type ClientOrderId,
  type InstrumentSymbol,
  type OrderSide,
} from '@perp/trading-domain';
import { MarketMakingError } from './market-making-error.ts';

/** What a quote's client order id encodes: its slot and which placement of that slot it is. */
export interface QuoteSlotId {
  readonly symbol: InstrumentSymbol;
  readonly side: OrderSide;
  /** Level on its side, an integer ≥ 0. */
  readonly level: number;
  /** The caller's counter for placements, a safe integer ≥ 0 (a new order takes a new one). */
  readonly generation: number;
}

export interface QuoteClientOrderIdSpec extends QuoteSlotId {
  /**
   * The bot's tag, 1 to 16 of A-Z, a-z, 0-9 or `_` — no `-`, so the prefix is always the first
   * segment and one bot never claims another's ids.
   */
  readonly prefix: string;
}

const PREFIX = /^[A-Za-z0-9_]{1,16}$/;
/** `<symbol>-<b|s><level>-<generation base 36>` after `<prefix>-`; digits canonical. */
const SLOT = /^(.+)-([bs])(0|[1-9][0-9]*)-(0|[1-9a-z][0-9a-z]*)$/;
const SIDE_CODES = { buy: 'b', sell: 's' } as const satisfies Record<OrderSide, string>;

function assertPrefix(prefix: string): void {
  if (!PREFIX.test(prefix)) {
    throw new MarketMakingError(
      'QUOTE_ID_INVALID',
      `prefix must be 1 to 16 characters of A-Z, a-z, 0-9 or _, got ${JSON.stringify(prefix)}`,
    );
  }
}

/**
 * The client order id of one placement of one quote slot: `<prefix>-<symbol>-<b|s><level>-<gen>`,
 * e.g. `mm1-BTC-PERP-b0-2n9c`. Deterministic, so a retried request reuses its id and the platform
 * answers the retry instead of placing twice; readable back, so after a restart the bot
 * recognises its own orders (and cancels the ones it does not). Throws `QUOTE_ID_INVALID` if a
 * part is malformed or the id would exceed the 36 characters a client order id allows.
 */
export function quoteClientOrderId(spec: QuoteClientOrderIdSpec): ClientOrderId {
  const { prefix, symbol, side, level, generation } = spec;
  assertPrefix(prefix);
  if (!IdentifierGrammars.InstrumentSymbol.pattern.test(symbol)) {
    throw new MarketMakingError('QUOTE_ID_INVALID', `not an instrument symbol: ${String(symbol)}`);
  }
  if (side !== 'buy' && side !== 'sell') {
    throw new MarketMakingError(
      'QUOTE_ID_INVALID',
      `side must be buy or sell, got ${String(side)}`,
    );
  }
  if (!Number.isSafeInteger(level) || level < 0) {
    throw new MarketMakingError('QUOTE_ID_INVALID', `level must be an integer ≥ 0, got ${level}`);
  }
  if (!Number.isSafeInteger(generation) || generation < 0) {
    throw new MarketMakingError(
      'QUOTE_ID_INVALID',
      `generation must be a safe integer ≥ 0, got ${generation}`,
    );
  }
  const text = `${prefix}-${symbol}-${SIDE_CODES[side]}${level}-${generation.toString(36)}`;
  if (!IdentifierGrammars.ClientOrderId.pattern.test(text)) {
    throw new MarketMakingError(
      'QUOTE_ID_INVALID',
      `client order id ${text} is ${text.length} characters, more than 36: shorten the prefix`,
    );
  }
  return identifierOf('ClientOrderId', text);
}

/**
 * The slot a client order id made by `quoteClientOrderId` with this prefix names, or `undefined`
 * for any other id (another prefix, another bot, a manual order, a malformed or non-canonical id).
 */
export function parseQuoteClientOrderId(prefix: string, text: string): QuoteSlotId | undefined {
  if (!PREFIX.test(prefix) || typeof text !== 'string') return undefined;
  if (!IdentifierGrammars.ClientOrderId.pattern.test(text) || !text.startsWith(`${prefix}-`)) {
    return undefined;
  }
  const match = SLOT.exec(text.slice(prefix.length + 1));
  if (match === null) return undefined;
  const [, symbolText = '', sideCode, levelText = '', generationText = ''] = match;
  const symbol = parseInstrumentSymbol(symbolText);
  const level = Number(levelText);
  const generation = parseInt(generationText, 36);
  if (!symbol.ok || !Number.isSafeInteger(level) || !Number.isSafeInteger(generation)) {
    return undefined;
  }
  return { symbol: symbol.value, side: sideCode === 'b' ? 'buy' : 'sell', level, generation };
}
