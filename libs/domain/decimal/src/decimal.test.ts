import { describe, expect, it } from 'vitest';
import { Decimal, DecimalError } from './index.ts';

const d = (text: string) => Decimal.parse(text);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DecimalError);
    return (error as DecimalError).code;
  }
  return undefined;
}

describe('Decimal.parse', () => {
  it.each([
    ['61234.5', '61234.5'],
    ['-0.001', '-0.001'],
    ['0', '0'],
    ['-0', '0'],
    ['-0.000', '0'],
    ['1.500', '1.5'],
    ['007.10', '7.1'],
    ['100', '100'],
    ['0.000000000000000001', '0.000000000000000001'],
    [
      '-123456789012345678901234567890.123456789012345678',
      '-123456789012345678901234567890.123456789012345678',
    ],
  ])('parses %j as %s', (text, canonical) => {
    expect(d(text).toString()).toBe(canonical);
  });

  it.each([
    '',
    ' 1',
    '1 ',
    '1\n',
    '+1',
    '1e5',
    '1E5',
    '1.5e-3',
    'NaN',
    'Infinity',
    '-Infinity',
    '.5',
    '5.',
    '-',
    '-.5',
    '1.2.3',
    '1,5',
    '0x10',
    '1_000',
    '--1',
    '١٢٣', // Arabic-Indic digits: \d is ASCII only
    '0.0000000000000000001', // 19 fractional digits
    '1.0000000000000000000', // 19 digits even if all zeros: we never drop input digits
    '1234567890123456789012345678901', // 31 integer digits
  ])('rejects %j with DECIMAL_INVALID', (text) => {
    expect(codeOf(() => Decimal.parse(text))).toBe('DECIMAL_INVALID');
    expect(Decimal.tryParse(text)).toBeUndefined();
  });

  it('rejects non-strings from untyped callers', () => {
    expect(codeOf(() => Decimal.parse(1.5 as unknown as string))).toBe('DECIMAL_INVALID');
    expect(Decimal.tryParse(null as unknown as string)).toBeUndefined();
  });

  it('keeps a long rejected input out of the message', () => {
    expect(() => Decimal.parse('9'.repeat(10_000))).toThrowError(/^(?!.{200})/s);
  });
});

describe('construction', () => {
  it('builds from safe integers and bigints only', () => {
    expect(Decimal.fromInt(42).toString()).toBe('42');
    expect(Decimal.fromInt(-7).toString()).toBe('-7');
    expect(Decimal.fromInt(-0).toString()).toBe('0');
    expect(Decimal.fromInt(12345678901234567890n).toString()).toBe('12345678901234567890');
    expect(codeOf(() => Decimal.fromInt(1.5))).toBe('DECIMAL_INVALID');
    expect(codeOf(() => Decimal.fromInt(Number.NaN))).toBe('DECIMAL_INVALID');
    expect(codeOf(() => Decimal.fromInt(Number.POSITIVE_INFINITY))).toBe('DECIMAL_INVALID');
    expect(codeOf(() => Decimal.fromInt(2 ** 60))).toBe('DECIMAL_INVALID');
  });

  it('round-trips raw units', () => {
    expect(d('1.25').units).toBe(1_250_000_000_000_000_000n);
    expect(Decimal.fromUnits(-5n).toString()).toBe('-0.000000000000000005');
    expect(Decimal.fromUnits(d('3.5').units).eq(d('3.5'))).toBe(true);
    expect(codeOf(() => Decimal.fromUnits(5 as unknown as bigint))).toBe('DECIMAL_INVALID');
  });

  it('offers constants and the scale', () => {
    expect(Decimal.SCALE).toBe(18);
    expect(Decimal.ZERO.toString()).toBe('0');
    expect(Decimal.ONE.toString()).toBe('1');
  });

  it('sums any iterable', () => {
    expect(Decimal.sum([d('0.1'), d('0.2'), d('-0.3')]).toString()).toBe('0');
    expect(Decimal.sum([]).toString()).toBe('0');
    expect(Decimal.sum(new Set([d('1.5'), d('2')])).toString()).toBe('3.5');
  });
});

describe('toString and JSON', () => {
  it('never uses an exponent and never prints -0', () => {
    expect(d('100000000000000000000000').toString()).toBe('100000000000000000000000');
    expect(d('-0.000000000000000001').toString()).toBe('-0.000000000000000001');
    expect(d('0.1').sub(d('0.1')).toString()).toBe('0');
    expect(d('5').neg().add(d('5')).toString()).toBe('0');
  });

  it('serialises as a JSON string', () => {
    expect(JSON.stringify({ price: d('61234.50') })).toBe('{"price":"61234.5"}');
    expect(`${d('-1.10')}`).toBe('-1.1');
  });

  it('shows its value when inspected', () => {
    const inspect = (d('2.5') as unknown as Record<symbol, () => string>)[
      Symbol.for('nodejs.util.inspect.custom')
    ];
    expect(inspect?.call(d('2.5'))).toBe('Decimal(2.5)');
  });
});

describe('arithmetic', () => {
  it('adds and subtracts exactly where floats do not', () => {
    expect(d('0.1').add(d('0.2')).toString()).toBe('0.3');
    expect(d('1').sub(d('0.9')).toString()).toBe('0.1');
    expect(d('-1.5').add(d('0.25')).toString()).toBe('-1.25');
  });

  it('multiplies exactly when the product fits 18 digits', () => {
    expect(d('1.1').mul(d('1.1')).toString()).toBe('1.21');
    expect(d('61234.5').mul(d('0.001')).toString()).toBe('61.2345');
    expect(d('-2').mul(d('0.000000000000000001')).toString()).toBe('-0.000000000000000002');
    expect(d('0.000000001').mul(d('0.000000001')).toString()).toBe('0.000000000000000001');
  });

  it('refuses to round a product silently', () => {
    expect(codeOf(() => d('0.0000000001').mul(d('0.0000000001')))).toBe('DECIMAL_INEXACT');
    expect(d('0.0000000001').mul(d('0.0000000001'), 'down').toString()).toBe('0');
    expect(d('0.0000000001').mul(d('0.0000000001'), 'up').toString()).toBe('0.000000000000000001');
    expect(d('0.000000000000000005').mul(d('0.1'), 'half_even').toString()).toBe('0');
    expect(d('0.000000000000000015').mul(d('0.1'), 'half_even').toString()).toBe(
      '0.000000000000000002',
    );
    expect(d('-0.000000000000000015').mul(d('0.1'), 'half_up').toString()).toBe(
      '-0.000000000000000002',
    );
  });

  it('divides with an explicit rounding mode', () => {
    expect(d('1').div(d('3'), 'down').toString()).toBe('0.333333333333333333');
    expect(d('2').div(d('3'), 'half_even').toString()).toBe('0.666666666666666667');
    expect(d('-2').div(d('3'), 'down').toString()).toBe('-0.666666666666666666');
    expect(d('-2').div(d('3'), 'floor').toString()).toBe('-0.666666666666666667');
    expect(d('10').div(d('-4'), 'down').toString()).toBe('-2.5');
    expect(d('0.000000000000000001').div(d('2'), 'half_even').toString()).toBe('0');
    expect(d('0.000000000000000003').div(d('2'), 'half_even').toString()).toBe(
      '0.000000000000000002',
    );
    expect(codeOf(() => d('1').div(Decimal.ZERO, 'down'))).toBe('DECIMAL_DIVISION_BY_ZERO');
  });

  it('multiplies then divides with one rounding', () => {
    // Two roundings would give 0.333333333333333333 x 3 = 0.999999999999999999.
    expect(d('1').mulDiv(d('3'), d('3'), 'down').toString()).toBe('1');
    expect(d('100').mulDiv(d('1'), d('3'), 'half_even').toString()).toBe('33.333333333333333333');
    expect(d('0.0000000001').mulDiv(d('0.0000000001'), d('0.0000000001'), 'down').toString()).toBe(
      '0.0000000001',
    );
    expect(codeOf(() => d('1').mulDiv(d('1'), Decimal.ZERO, 'down'))).toBe(
      'DECIMAL_DIVISION_BY_ZERO',
    );
  });

  it('negates, takes absolute values, min and max without changing the operands', () => {
    const a = d('-3.5');
    const b = d('2');
    expect(a.neg().toString()).toBe('3.5');
    expect(a.abs().toString()).toBe('3.5');
    expect(b.abs()).toBe(b);
    expect(Decimal.ZERO.neg().toString()).toBe('0');
    expect(a.min(b)).toBe(a);
    expect(a.max(b)).toBe(b);
    expect(b.min(a)).toBe(a);
    expect(b.max(a)).toBe(b);
    expect(a.toString()).toBe('-3.5');
    expect(b.toString()).toBe('2');
  });
});

describe('comparison', () => {
  it('compares by value, not by text', () => {
    expect(d('1.50').eq(d('1.5'))).toBe(true);
    expect(d('1.5').cmp(d('1.50'))).toBe(0);
    expect(d('-2').cmp(d('1'))).toBe(-1);
    expect(d('10').cmp(d('9.99'))).toBe(1);
    expect(d('1').lt(d('1.000000000000000001'))).toBe(true);
    expect(d('1').lte(d('1'))).toBe(true);
    expect(d('1').gt(d('1'))).toBe(false);
    expect(d('1').gte(d('1'))).toBe(true);
    expect(d('-0.1').gt(d('-0.2'))).toBe(true);
  });

  it('tells the sign', () => {
    expect(d('0').isZero()).toBe(true);
    expect(d('-0').isNegative()).toBe(false);
    expect(d('-0.000000000000000001').isNegative()).toBe(true);
    expect(d('0.000000000000000001').isPositive()).toBe(true);
    expect(d('0').isPositive()).toBe(false);
    expect([d('-3').sign(), d('0').sign(), d('3').sign()]).toEqual([-1, 0, 1]);
  });

  it('is structurally equal for equal values (test matchers see the same units)', () => {
    expect(d('1.50')).toEqual(d('1.5'));
    expect(d('1.5')).not.toEqual(d('1.6'));
  });
});

describe('steps and places', () => {
  it('checks ticks and lots', () => {
    expect(d('61234.5').isMultipleOf(d('0.5'))).toBe(true);
    expect(d('61234.25').isMultipleOf(d('0.5'))).toBe(false);
    expect(d('0.003').isMultipleOf(d('0.001'))).toBe(true);
    expect(d('0.0035').isMultipleOf(d('0.001'))).toBe(false);
    expect(d('-1.5').isMultipleOf(d('0.5'))).toBe(true);
    expect(d('0').isMultipleOf(d('0.25'))).toBe(true);
    expect(d('7.5').isMultipleOf(d('2.5'))).toBe(true);
    expect(codeOf(() => d('1').isMultipleOf(Decimal.ZERO))).toBe('DECIMAL_INVALID_STEP');
    expect(codeOf(() => d('1').isMultipleOf(d('-0.5')))).toBe('DECIMAL_INVALID_STEP');
  });

  it('rounds to a step in the requested direction', () => {
    expect(d('61234.37').roundToStep(d('0.5'), 'down').toString()).toBe('61234');
    expect(d('61234.37').roundToStep(d('0.5'), 'up').toString()).toBe('61234.5');
    expect(d('61234.25').roundToStep(d('0.5'), 'half_even').toString()).toBe('61234');
    expect(d('61234.75').roundToStep(d('0.5'), 'half_even').toString()).toBe('61235');
    expect(d('-0.0015').roundToStep(d('0.001'), 'floor').toString()).toBe('-0.002');
    expect(d('-0.0015').roundToStep(d('0.001'), 'ceil').toString()).toBe('-0.001');
    expect(d('7').roundToStep(d('2.5'), 'half_up').toString()).toBe('7.5');
    const aligned = d('1.5');
    expect(aligned.roundToStep(d('0.5'), 'up')).toBe(aligned);
    expect(codeOf(() => d('1').roundToStep(Decimal.ZERO, 'down'))).toBe('DECIMAL_INVALID_STEP');
  });

  it('rounds to decimal places', () => {
    expect(d('1.23456').round(2, 'half_even').toString()).toBe('1.23');
    expect(d('1.235').round(2, 'half_even').toString()).toBe('1.24');
    expect(d('1.245').round(2, 'half_even').toString()).toBe('1.24');
    expect(d('1.000000000000000001').round(18, 'down').toString()).toBe('1.000000000000000001');
    expect(d('-1.5').round(0, 'down').toString()).toBe('-1');
    expect(codeOf(() => d('1').round(19, 'down'))).toBe('DECIMAL_INVALID_ARGUMENT');
    expect(codeOf(() => d('1').round(-1, 'down'))).toBe('DECIMAL_INVALID_ARGUMENT');
    expect(codeOf(() => d('1').round(1.5, 'down'))).toBe('DECIMAL_INVALID_ARGUMENT');
  });

  it('counts canonical decimal places and knows integers', () => {
    expect(d('0').decimalPlaces()).toBe(0);
    expect(d('100').decimalPlaces()).toBe(0);
    expect(d('0.50').decimalPlaces()).toBe(1);
    expect(d('-0.001').decimalPlaces()).toBe(3);
    expect(d('0.000000000000000001').decimalPlaces()).toBe(18);
    expect(d('3').isInteger()).toBe(true);
    expect(d('-3.0').isInteger()).toBe(true);
    expect(d('3.1').isInteger()).toBe(false);
  });
});
