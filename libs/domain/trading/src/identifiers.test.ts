import { describe, expect, it } from 'vitest';
import {
  InvalidIdentifierError,
  parseAccountId,
  parseAssetCode,
  parseClientOrderId,
  parseCommandId,
  parseInstrumentSymbol,
  parseOrderId,
  parseTradeId,
  parseVenueOrderId,
  unwrap,
  type IdentifierKind,
  type ParseResult,
} from './index.ts';

type Parser = (raw: unknown) => ParseResult<string, InvalidIdentifierError>;

const cases: readonly (readonly [IdentifierKind, Parser, readonly string[], readonly unknown[]])[] =
  [
    [
      'ClientOrderId',
      parseClientOrderId,
      ['a', 'my-order_01', 'A'.repeat(36), '3f2b8c1e-7d4a-4e8b-9c1f-0a2b3c4d5e6f'],
      [
        '',
        'A'.repeat(37),
        'has space',
        'dot.ted',
        'ünïcode',
        'semi;colon',
        'slash/',
        42,
        null,
        undefined,
      ],
    ],
    [
      'AccountId',
      parseAccountId,
      ['alice', 'a'.repeat(64), '3f2b8c1e-7d4a'],
      ['', 'a'.repeat(65), 'a:b', 'a#b'],
    ],
    ['OrderId', parseOrderId, ['01HZX3', 'o'.repeat(64)], ['', 'o'.repeat(65), 'o.1']],
    [
      'VenueOrderId',
      parseVenueOrderId,
      ['123456789', 'abc:def/1', '~'.repeat(128)],
      ['', 'a b', 'x'.repeat(129), 'tab\t'],
    ],
    ['TradeId', parseTradeId, ['t-1', '0xdeadbeef:7'], ['', 'a b', 'é']],
    [
      'CommandId',
      parseCommandId,
      ['cmd-1', 'venue:sim:fill.42', 'c'.repeat(128)],
      ['', 'c'.repeat(129), 'a/b', 'a b'],
    ],
    [
      'InstrumentSymbol',
      parseInstrumentSymbol,
      ['BTC-PERP', 'BTC-USDC-PERP', '1000PEPE-PERP'],
      [
        '',
        'btc-perp',
        'BTC',
        'BTC--PERP',
        '-PERP',
        'BTC-PERP-',
        'A-B-C-D',
        'BTC_PERP',
        'BTC-PERP ',
      ],
    ],
    ['AssetCode', parseAssetCode, ['BTC', 'USD', '1INCH'], ['', 'usd', 'BTC-X', 'A'.repeat(17)]],
  ];

describe.each(cases)('%s', (kind, parse, valid, invalid) => {
  it.each(valid)('accepts %j', (raw) => {
    expect(parse(raw)).toEqual({ ok: true, value: raw });
  });

  it.each(invalid)('rejects %j with a typed error', (raw) => {
    const result = parse(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(InvalidIdentifierError);
    expect(result.error).toMatchObject({ code: 'INVALID_IDENTIFIER', kind });
    expect(result.error.message).toMatch(new RegExp(`^${kind} must`));
  });
});

describe('unwrap', () => {
  it('returns the value or throws the parse error', () => {
    expect(unwrap(parseClientOrderId('ok-1'))).toBe('ok-1');
    expect(() => unwrap(parseClientOrderId(''))).toThrow(InvalidIdentifierError);
  });
});
