import { describe, expect, it } from 'vitest';
import { ExistingAccounts } from './existing-accounts.ts';

describe('ExistingAccounts', () => {
  it('remembers accounts it was told exist, and no others', () => {
    const known = new ExistingAccounts();
    known.add('alice');
    expect(known.has('alice')).toBe(true);
    expect(known.has('bob')).toBe(false);
  });

  it('starts over when full, so made-up ids cannot grow it without bound', () => {
    const known = new ExistingAccounts(3);
    for (const account of ['a', 'b', 'c']) known.add(account);
    known.add('d');
    expect(['a', 'b', 'c', 'd'].filter((account) => known.has(account))).toEqual(['d']);
  });
});
