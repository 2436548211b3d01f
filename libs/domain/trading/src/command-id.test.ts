import { describe, expect, it } from 'vitest';
import { followUpCommandId } from './command-id.ts';
import { identifierOf, InvalidIdentifierError, isIdentifier } from './identifiers.ts';

describe('followUpCommandId', () => {
  it('joins the command id and the part', () => {
    expect(followUpCommandId(identifierOf('CommandId', 'cmd-1'), 'venue-answer')).toBe(
      'cmd-1:venue-answer',
    );
  });

  it('stays a valid, deterministic command id when the join would be too long', () => {
    const long = identifierOf('CommandId', 'c'.repeat(128));
    const first = followUpCommandId(long, 'venue-answer');
    expect(isIdentifier('CommandId', first)).toBe(true);
    expect(first).toMatch(/^h:[0-9a-f]{64}:venue-answer$/);
    expect(followUpCommandId(long, 'venue-answer')).toBe(first);
    expect(followUpCommandId(identifierOf('CommandId', 'd'.repeat(128)), 'venue-answer')).not.toBe(
      first,
    );
  });

  it('refuses a part outside the command id grammar', () => {
    expect(() => followUpCommandId(identifierOf('CommandId', 'cmd-1'), 'has space')).toThrow(
      InvalidIdentifierError,
    );
  });
});
