import { identifierOf, IdentifierGrammars } from '@perp/trading-domain';
import { describe, expect, it } from 'vitest';
import { marginCallClientOrderId, marginCallCommandId, scheduledRunId } from './run-ids.ts';

const carol = identifierOf('AccountId', 'carol');

describe('run ids', () => {
  it('a scheduled run is named by the start of its period, so a retry names the same run', () => {
    const day = 86_400_000;
    expect(scheduledRunId('execute', Date.UTC(2026, 11, 7, 0, 3), day)).toBe(
      'execute-2026-12-07T00:00Z',
    );
    expect(scheduledRunId('execute', Date.UTC(2026, 11, 7, 23, 59), day)).toBe(
      'execute-2026-12-07T00:00Z',
    );
    expect(scheduledRunId('warn', Date.UTC(2026, 11, 7, 3, 47, 12), 15 * 60_000)).toBe(
      'warn-2026-12-07T03:45Z',
    );
  });

  it('command and client order ids are deterministic, distinct per step, and in their grammar', () => {
    const cancel = marginCallCommandId('execute-2026-12-07T00:00Z', carol, 'cancel');
    expect(cancel).toBe('margin-call.execute-2026-12-07T00:00Z.carol.cancel');
    expect(marginCallCommandId('execute-2026-12-07T00:00Z', carol, 'cancel')).toBe(cancel);
    const long = identifierOf('AccountId', 'a'.repeat(64));
    const hashed = marginCallCommandId('r'.repeat(64), long, 'reduce-1-2');
    expect(hashed).toMatch(IdentifierGrammars.CommandId.pattern);
    expect(hashed.endsWith('.reduce-1-2')).toBe(true);

    const first = marginCallClientOrderId('run-1', carol, 'reduce-1-1');
    expect(first).toMatch(IdentifierGrammars.ClientOrderId.pattern);
    expect(marginCallClientOrderId('run-1', carol, 'reduce-1-1')).toBe(first);
    expect(marginCallClientOrderId('run-1', carol, 'reduce-1-2')).not.toBe(first);
    expect(marginCallClientOrderId('run-2', carol, 'reduce-1-1')).not.toBe(first);
  });
});
