import { describe, expect, it } from 'vitest';
import { KnownAccounts } from './known-accounts.ts';

describe('KnownAccounts', () => {
  it('remembers accounts it was told exist, and no others', () => {
    const known = new KnownAccounts();
    known.add('alice');
    expect(known.has('alice')).toBe(true);
    expect(known.has('bob')).toBe(false);
  });

  it('starts over when full, so made-up ids cannot grow it without bound', () => {
    const known = new KnownAccounts(3);
    for (const account of ['a', 'b', 'c']) known.add(account);
    known.add('d');
    expect(['a', 'b', 'c', 'd'].filter((account) => known.has(account))).toEqual(['d']);
  });
});
