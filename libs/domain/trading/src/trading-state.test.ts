import { describe, expect, it } from 'vitest';
import { effectiveTradingState, strictestTradingState } from './index.ts';

describe('trading states', () => {
  it.each([
    [['active', 'active', 'active'], 'active'],
    [['active', 'reducing', 'active'], 'reducing'],
    [['reducing', 'active', 'halted'], 'halted'],
    [['halted', 'reducing', 'active'], 'halted'],
    [['active', 'active', 'reducing'], 'reducing'],
  ] as const)('the strictest of %j is %s', ([global, account, symbol], expected) => {
    expect(effectiveTradingState({ global, account, symbol })).toBe(expected);
    expect(strictestTradingState(symbol, account, global)).toBe(expected);
  });

  it('is active when nothing restricts', () => {
    expect(strictestTradingState()).toBe('active');
  });
});
