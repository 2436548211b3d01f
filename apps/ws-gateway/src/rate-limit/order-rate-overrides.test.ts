import { describe, expect, it } from 'vitest';
import { parseOrderRateOverrides } from './order-rate-overrides.ts';

const problemsOf = (text: string) => {
  const parsed = parseOrderRateOverrides(text);
  expect(parsed.ok).toBe(false);
  return parsed.ok ? [] : parsed.problems;
};

describe('parseOrderRateOverrides', () => {
  it('reads accountId=perSecond[:burst] entries; burst defaults to perSecond', () => {
    const parsed = parseOrderRateOverrides('mm=200:400, desk-1=50 ,Bot_2 = 1 : 100000');
    expect(parsed).toEqual({
      ok: true,
      value: new Map([
        ['mm', { perSecond: 200, burst: 400 }],
        ['desk-1', { perSecond: 50, burst: 50 }],
        ['Bot_2', { perSecond: 1, burst: 100_000 }],
      ]),
    });
  });

  it('allows a burst below the rate, as the default limits do', () => {
    expect(parseOrderRateOverrides('mm=100:10')).toMatchObject({
      ok: true,
      value: new Map([['mm', { perSecond: 100, burst: 10 }]]),
    });
  });

  it.each([
    [
      'bad account id',
      'alice@example.com=10',
      /entry "alice@example.com=10": account id "alice@example.com": AccountId must be 1 to 64 characters/,
    ],
    ['account id too long', `${'a'.repeat(65)}=10`, /account id "a{65}"/],
    ['empty account id', '=10', /entry "=10": account id ""/],
    ['no rate', 'mm', /entry "mm": expected accountId=perSecond\[:burst\]/],
    ['two equals signs', 'mm=1=2', /entry "mm=1=2": expected accountId=perSecond\[:burst\]/],
    ['three numbers', 'mm=1:2:3', /entry "mm=1:2:3": expected accountId=perSecond\[:burst\]/],
    ['empty rate', 'mm=', /entry "mm=": perSecond "" is not a whole number/],
    ['non-integer rate', 'mm=2.5', /entry "mm=2.5": perSecond "2.5" is not a whole number/],
    ['negative rate', 'mm=-5', /perSecond "-5" is not a whole number/],
    ['non-numeric burst', 'mm=10:lots', /entry "mm=10:lots": burst "lots" is not a whole number/],
    ['empty burst', 'mm=10:', /burst "" is not a whole number/],
    ['zero rate', 'mm=0', /entry "mm=0": perSecond 0 is not between 1 and 100000/],
    ['rate too high', 'mm=100001', /perSecond 100001 is not between 1 and 100000/],
    [
      'burst too high',
      'mm=10:1000000',
      /entry "mm=10:1000000": burst 1000000 is not between 1 and 100000/,
    ],
    ['duplicate account', 'mm=10,bob=5,mm=20:40', /entry "mm=20:40": account mm is listed twice/],
    ['empty entry', 'mm=10,,bob=5', /entry 2 is empty/],
    ['trailing comma', 'mm=10,', /entry 2 is empty/],
  ])('refuses a %s, naming the entry', (_what, text, message) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('reports every bad entry at once', () => {
    expect(problemsOf('mm=x,ok=5,bad id=1,ok=6')).toEqual([
      'entry "mm=x": perSecond "x" is not a whole number',
      expect.stringMatching(/^entry "bad id=1": account id "bad id"/),
      'entry "ok=6": account ok is listed twice',
    ]);
  });
});
