import { Decimal } from '@perp/decimal';
import { describe, expect, it } from 'vitest';
import { bandLevel, decideWarning } from './warning-policy.ts';

const d = Decimal.parse;
const policy = { levels: [d('0.8'), d('0.9'), d('1')], cooldownMs: 3_600_000 };
const now = 1_800_000_000_000;
const outcome = (decision: ReturnType<typeof decideWarning>) =>
  decision.warn ? `warn ${decision.level.toString()}` : decision.reason;

describe('decideWarning', () => {
  it('warns at the threshold and not a hair under it', () => {
    expect(outcome(decideWarning(d('0.8'), undefined, now, policy))).toBe('warn 0.8');
    expect(outcome(decideWarning(d('0.7999'), undefined, now, policy))).toBe('below_threshold');
  });

  it('keeps quiet within the cool-down at the same band, warns again after it', () => {
    const last = { level: d('0.8'), at: now - 15 * 60_000 };
    expect(outcome(decideWarning(d('0.89'), last, now, policy))).toBe('cooling_down');
    const old = { level: d('0.8'), at: now - 3_600_000 };
    expect(outcome(decideWarning(d('0.81'), old, now, policy))).toBe('warn 0.8');
  });

  it('warns at once on crossing into a higher band, not on falling back into a lower one', () => {
    const last = { level: d('0.8'), at: now - 60_000 };
    expect(outcome(decideWarning(d('0.9'), last, now, policy))).toBe('warn 0.9');
    const high = { level: d('0.9'), at: now - 60_000 };
    expect(outcome(decideWarning(d('0.85'), high, now, policy))).toBe('cooling_down');
    expect(outcome(decideWarning('infinite', high, now, policy))).toBe('warn 1');
  });

  it('bandLevel is the highest level reached', () => {
    expect(bandLevel(d('0.95'), policy.levels)?.toString()).toBe('0.9');
    expect(bandLevel(d('3'), policy.levels)?.toString()).toBe('1');
    expect(bandLevel(d('0.1'), policy.levels)).toBeUndefined();
  });
});
