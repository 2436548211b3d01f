import { describe, expect, it } from 'vitest';
import { parseTokenArgs, UsageError } from './token-args.ts';

describe('parseTokenArgs', () => {
  it('defaults to the trader role and 12 hours', () => {
    expect(parseTokenArgs(['--account', 'alice'])).toEqual({
      help: false,
      accountId: 'alice',
      roles: ['trader'],
      ttlSeconds: 43_200,
    });
  });

  it('takes roles (once each), none, and a ttl', () => {
    expect(
      parseTokenArgs(['--account=ops_1', '--roles', 'operator, admin,operator', '--ttl', '15m']),
    ).toMatchObject({ accountId: 'ops_1', roles: ['operator', 'admin'], ttlSeconds: 900 });
    expect(parseTokenArgs(['--account', 'bob', '--roles', 'none'])).toMatchObject({ roles: [] });
  });

  it('takes --scope for a machine token: scopes (once each), no roles', () => {
    expect(parseTokenArgs(['--account', 'mm', '--scope', 'perp-api/trade'])).toEqual({
      help: false,
      accountId: 'mm',
      roles: [],
      scopes: ['perp-api/trade'],
      ttlSeconds: 43_200,
    });
    expect(
      parseTokenArgs(['--account', 'mm', '--scope', 'perp-api/read, perp-api/trade perp-api/read']),
    ).toMatchObject({ scopes: ['perp-api/read', 'perp-api/trade'] });
  });

  it('answers --help', () => {
    expect(parseTokenArgs(['--help'])).toEqual({ help: true });
    expect(parseTokenArgs(['-h'])).toEqual({ help: true });
  });

  it.each([
    [[], /--account <id> is required/],
    [['--account', 'alice@example.com'], /--account: "alice@example.com" is not an account id/],
    [['--account', 'x'.repeat(65)], /is not an account id/],
    [['--account', 'alice', '--roles', 'trader,god'], /unknown role "god"/],
    [['--account', 'alice', '--roles', ''], /unknown role ""/],
    [['--account', 'alice', '--ttl', 'forever'], /--ttl: "forever" is not a lifetime/],
    [['--account', 'alice', '--ttl', '90d'], /is not a lifetime/],
    [['--account', 'alice', '--admin'], /Unknown option '--admin'/],
    [['--account', 'mm', '--scope', ' , '], /--scope: name at least one scope/],
    [
      ['--account', 'mm', '--scope', 'perp-api/"trade"'],
      /--scope: "perp-api\/"trade"" is not a scope/,
    ],
    [
      ['--account', 'mm', '--scope', 'perp-api/trade', '--roles', 'trader'],
      /--scope and --roles do not go together/,
    ],
    [['--account'], /argument missing/],
    [['alice'], /Unexpected argument 'alice'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseTokenArgs(argv)).toThrowError(UsageError);
    expect(() => parseTokenArgs(argv)).toThrowError(message);
  });
});
