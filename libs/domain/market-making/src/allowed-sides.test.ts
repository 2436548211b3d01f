import { describe, expect, it } from 'vitest';
import { allowedSides, type AllowedSidesInput } from './index.ts';
import { d } from './test-support/fixtures.ts';

const input = (overrides: Partial<AllowedSidesInput> = {}): AllowedSidesInput => ({
  position: d('0'),
  maxPosition: d('10'),
  marginUtilization: d('0.2'),
  maxMarginUtilization: d('0.8'),
  tradingState: 'active',
  halted: false,
  ...overrides,
});

describe('allowedSides', () => {
  it('quotes both sides with no rule in the way, and gives no reason', () => {
    expect(allowedSides(input({ position: d('9.999') }))).toEqual({ buy: true, sell: true });
  });

  it('the kill switch withholds both sides', () => {
    expect(allowedSides(input({ halted: true, position: d('3') }))).toEqual({
      buy: false,
      sell: false,
      reason: 'halted',
    });
  });

  it('a halted trading state withholds both sides', () => {
    expect(allowedSides(input({ tradingState: 'halted', position: d('-3') }))).toEqual({
      buy: false,
      sell: false,
      reason: 'trading_halted',
    });
  });

  it('at or beyond the position limit only the side back is quoted', () => {
    expect(allowedSides(input({ position: d('10') }))).toEqual({
      buy: false,
      sell: true,
      reason: 'max_position',
    });
    expect(allowedSides(input({ position: d('12') }))).toMatchObject({ buy: false, sell: true });
    expect(allowedSides(input({ position: d('-10') }))).toEqual({
      buy: true,
      sell: false,
      reason: 'max_position',
    });
  });

  it('at the margin cap only the reducing side is quoted; flat, none', () => {
    const capped = { marginUtilization: d('0.8') };
    expect(allowedSides(input({ ...capped, position: d('1') }))).toEqual({
      buy: false,
      sell: true,
      reason: 'margin_utilization',
    });
    expect(allowedSides(input({ ...capped, position: d('-1') }))).toMatchObject({
      buy: true,
      sell: false,
    });
    expect(allowedSides(input({ ...capped }))).toEqual({
      buy: false,
      sell: false,
      reason: 'margin_utilization',
    });
    expect(allowedSides(input({ marginUtilization: 'infinite', position: d('1') }))).toMatchObject({
      buy: false,
      sell: true,
      reason: 'margin_utilization',
    });
    expect(allowedSides(input({ marginUtilization: d('0.79') }))).toEqual({
      buy: true,
      sell: true,
    });
  });

  it('reducing quotes only the reducing side; flat, none', () => {
    expect(allowedSides(input({ tradingState: 'reducing', position: d('2') }))).toEqual({
      buy: false,
      sell: true,
      reason: 'reducing',
    });
    expect(allowedSides(input({ tradingState: 'reducing', position: d('-2') }))).toEqual({
      buy: true,
      sell: false,
      reason: 'reducing',
    });
    expect(allowedSides(input({ tradingState: 'reducing' }))).toEqual({
      buy: false,
      sell: false,
      reason: 'reducing',
    });
  });

  it('combines rules (intersection) and names the first one that withheld a side', () => {
    expect(
      allowedSides(
        input({ position: d('10'), tradingState: 'reducing', marginUtilization: d('1') }),
      ),
    ).toEqual({ buy: false, sell: true, reason: 'max_position' });
    expect(allowedSides(input({ halted: true, tradingState: 'halted' }))).toMatchObject({
      reason: 'halted',
    });
  });
});
