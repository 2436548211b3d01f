import { describe, expect, it } from 'vitest';
import {
  AccountId,
  ClientOrderId,
  CommandId,
  Decimal,
  InstrumentSymbol,
  NonNegativeDecimal,
  PositiveDecimal,
  TimestampMs,
  VenueName,
} from './index.ts';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, values: unknown[]) =>
  values.filter((v) => !schema.safeParse(v).success);
const rejected = (schema: { safeParse(v: unknown): { success: boolean } }, values: unknown[]) =>
  values.filter((v) => schema.safeParse(v).success);

const floatLike = [
  '1e3',
  '1E3',
  '1.5e-7',
  'Infinity',
  '-Infinity',
  'NaN',
  '0x10',
  '1_000',
  '1,5',
  ' 1',
  '1 ',
  '',
];

describe('decimals', () => {
  it('accept plain decimal strings', () => {
    expect(
      ok(Decimal, [
        '0',
        '-1',
        '61234.5',
        '-0.000000000000000001',
        '99999999999999999999.5',
        '0.10',
      ]),
    ).toEqual([]);
    expect(ok(NonNegativeDecimal, ['0', '0.0', '1', '0.5'])).toEqual([]);
    expect(ok(PositiveDecimal, ['1', '0.001', '61234.5', '10.000000000000000001'])).toEqual([]);
  });

  it('reject exponents, signs, leading zeros, bare dots and non-strings', () => {
    const bad = [...floatLike, '+1', '01', '00.5', '1.', '.5', '--1', '1.2.3', 1, 1.5, null, true];
    expect(rejected(Decimal, bad)).toEqual([]);
    expect(rejected(NonNegativeDecimal, [...bad, '-1', '-0.5'])).toEqual([]);
    expect(rejected(PositiveDecimal, [...bad, '-1', '0', '0.000', '-0'])).toEqual([]);
  });

  it('reject negative zero, which has no exact meaning in a ledger', () => {
    expect(rejected(Decimal, ['-0', '-0.0'])).toEqual([]);
  });

  it('bound the length: 20 integer digits, 18 fraction digits', () => {
    expect(PositiveDecimal.safeParse('1'.repeat(20)).success).toBe(true);
    expect(PositiveDecimal.safeParse('1'.repeat(21)).success).toBe(false);
    expect(PositiveDecimal.safeParse(`0.${'1'.repeat(18)}`).success).toBe(true);
    expect(PositiveDecimal.safeParse(`0.${'1'.repeat(19)}`).success).toBe(false);
  });
});

describe('identifiers', () => {
  it('clientOrderId is 1 to 36 of [A-Za-z0-9_-]', () => {
    expect(
      ok(ClientOrderId, ['a', 'A-b_9', 'x'.repeat(36), '3f0c2a9e-7b1d-4c56-9e2f-0a1b2c3d4e5f']),
    ).toEqual([]);
    expect(rejected(ClientOrderId, ['', 'x'.repeat(37), 'a b', 'a.b', 'a:b', 'ü', 7])).toEqual([]);
  });

  it('accountId fits a Cognito sub and excludes the dedup separator', () => {
    expect(ok(AccountId, ['3f0c2a9e-7b1d-4c56-9e2f-0a1b2c3d4e5f', 'acct_1'])).toEqual([]);
    expect(rejected(AccountId, ['', 'a:b', 'a'.repeat(65), 'a/b'])).toEqual([]);
  });

  it('commandId is SQS-safe and at most 128 characters', () => {
    expect(ok(CommandId, ['c0ffee', 'sim:981234:sim-42', 'x'.repeat(128)])).toEqual([]);
    expect(rejected(CommandId, ['', 'x'.repeat(129), 'a b', 'a/b'])).toEqual([]);
  });

  it('symbols look like BTC-PERP', () => {
    expect(
      ok(InstrumentSymbol, ['BTC-PERP', 'ETH-PERP', '1000PEPE-PERP', 'BTC-USDC-PERP']),
    ).toEqual([]);
    expect(
      rejected(InstrumentSymbol, [
        'btc-perp',
        'BTCPERP',
        'BTC_PERP',
        'BTC-',
        '-PERP',
        'A-B-C-D',
        'BTC-PERP ',
      ]),
    ).toEqual([]);
  });

  it('venue names are lower-case slugs', () => {
    expect(ok(VenueName, ['sim', 'hyperliquid', 'ln-markets'])).toEqual([]);
    expect(rejected(VenueName, ['Sim', '1sim', ''])).toEqual([]);
  });
});

describe('timestamps', () => {
  it('are non-negative integer milliseconds', () => {
    expect(ok(TimestampMs, [0, 1_718_000_000_000])).toEqual([]);
    expect(
      rejected(TimestampMs, [
        -1,
        1.5,
        '1718000000000',
        '2024-06-10T00:00:00Z',
        Number.MAX_SAFE_INTEGER + 2,
        null,
      ]),
    ).toEqual([]);
  });
});
