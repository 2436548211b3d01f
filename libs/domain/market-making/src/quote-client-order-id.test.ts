import { describe, expect, it } from 'vitest';
import { parseClientOrderId, parseInstrumentSymbol, unwrap } from '@perp/trading-domain';
import {
  MarketMakingError,
  parseQuoteClientOrderId,
  quoteClientOrderId,
  type QuoteClientOrderIdSpec,
} from './index.ts';
import { BTC_PERP } from './test-support/fixtures.ts';

const spec = (overrides: Partial<QuoteClientOrderIdSpec> = {}): QuoteClientOrderIdSpec => ({
  prefix: 'mm',
  symbol: BTC_PERP,
  side: 'buy',
  level: 0,
  generation: 0,
  ...overrides,
});

describe('quoteClientOrderId', () => {
  it('spells prefix, symbol, side and level, and the generation in base 36', () => {
    // 1 000 000 = 21·36³ + 15·36² + 21·36 + 28 → "lfls".
    expect(quoteClientOrderId(spec({ generation: 1_000_000 }))).toBe('mm-BTC-PERP-b0-lfls');
    expect(quoteClientOrderId(spec({ side: 'sell', level: 12, generation: 35 }))).toBe(
      'mm-BTC-PERP-s12-z',
    );
  });

  it('makes valid client order ids', () => {
    const id = quoteClientOrderId(spec({ generation: Number.MAX_SAFE_INTEGER, level: 99 }));
    expect(parseClientOrderId(id).ok).toBe(true);
  });

  it('round-trips', () => {
    const symbols = ['BTC-PERP', 'ETH-USD-PERP', 'A-B', 'SOL1000-PERP'].map((s) =>
      unwrap(parseInstrumentSymbol(s)),
    );
    for (const symbol of symbols)
      for (const side of ['buy', 'sell'] as const)
        for (const level of [0, 1, 9, 10, 99])
          for (const generation of [0, 1, 35, 36, 1_000_000, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
            const made = { symbol, side, level, generation };
            const id = quoteClientOrderId({ prefix: 'mm1', ...made });
            expect(parseQuoteClientOrderId('mm1', id)).toEqual(made);
          }
  });

  it('throws when the id would pass 36 characters, or a part is malformed', () => {
    const long = unwrap(parseInstrumentSymbol('ABCDEFGHIJKLMNOP-PERP'));
    expect(() =>
      quoteClientOrderId(spec({ prefix: 'mmmmmm', symbol: long, generation: 2 ** 50 })),
    ).toThrow(/more than 36/);
    expect(() => quoteClientOrderId(spec({ prefix: 'm-m' }))).toThrow(MarketMakingError);
    expect(() => quoteClientOrderId(spec({ prefix: '' }))).toThrow(MarketMakingError);
    expect(() => quoteClientOrderId(spec({ level: -1 }))).toThrow(/level/);
    expect(() => quoteClientOrderId(spec({ level: 1.5 }))).toThrow(/level/);
    expect(() => quoteClientOrderId(spec({ generation: -1 }))).toThrow(/generation/);
    expect(() => quoteClientOrderId(spec({ generation: 2 ** 53 }))).toThrow(/generation/);
  });
});

describe('parseQuoteClientOrderId', () => {
  it.each([
    ['another prefix', 'mm2-BTC-PERP-b0-1'],
    ['a prefix that only starts the same', 'mmx-BTC-PERP-b0-1'],
    ['no prefix', 'BTC-PERP-b0-1'],
    ['a manual order', 'my-order-123'],
    ['a bad side', 'mm-BTC-PERP-x0-1'],
    ['a non-canonical level', 'mm-BTC-PERP-b01-1'],
    ['a non-canonical generation', 'mm-BTC-PERP-b0-01'],
    ['an upper-case generation', 'mm-BTC-PERP-b0-Z'],
    ['a missing generation', 'mm-BTC-PERP-b0'],
    ['a lower-case symbol', 'mm-btc-perp-b0-1'],
    ['a generation past 2^53', 'mm-BTC-PERP-b0-zzzzzzzzzzz'],
    ['not a client order id', 'mm-BTC-PERP-b0-1!'],
    ['an empty string', ''],
  ])('does not recognise %s', (_, text) => {
    expect(parseQuoteClientOrderId('mm', text)).toBeUndefined();
  });

  it('recognises its own ids', () => {
    expect(parseQuoteClientOrderId('mm', 'mm-ETH-PERP-s3-a')).toEqual({
      symbol: 'ETH-PERP',
      side: 'sell',
      level: 3,
      generation: 10,
    });
  });
});
