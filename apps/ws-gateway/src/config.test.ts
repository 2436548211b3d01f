import { ConfigError, loadConfig } from '@perp/config';
import { describe, expect, it } from 'vitest';
import { GATEWAY_ENV } from './config.ts';

const REQUIRED = {
  REDIS_URL: 'redis://127.0.0.1:6379',
  SIM_VENUE_URL: 'http://127.0.0.1:9100',
  AUTH_JWKS_URL: 'http://127.0.0.1:9104/.well-known/jwks.json',
  AUTH_ISSUER: 'http://127.0.0.1:9104',
  AUTH_AUDIENCE: 'perp-local',
};

const load = (env: Record<string, string>) => loadConfig(GATEWAY_ENV, { ...REQUIRED, ...env });

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the configuration was accepted');
}

describe('gateway configuration', () => {
  it('has no order rate overrides, one audience and the perp-api/ scopes by default', () => {
    const config = load({});
    expect(config.RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES.size).toBe(0);
    expect(config.AUTH_AUDIENCE).toEqual(['perp-local']);
    expect(config.AUTH_SCOPE_PREFIX).toBe('perp-api/');
  });

  it('reads RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES', () => {
    const config = load({ RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES: 'mm=200:400,desk-1=50' });
    expect([...config.RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES]).toEqual([
      ['mm', { perSecond: 200, burst: 400 }],
      ['desk-1', { perSecond: 50, burst: 50 }],
    ]);
  });

  it('refuses bad overrides naming the variable and every bad entry', () => {
    const problems = problemsOf({ RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES: 'mm=fast,desk 1=5,mm=3' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES /);
    expect(problems[0]).toContain('entry "mm=fast": perSecond "fast" is not a whole number');
    expect(problems[0]).toContain('entry "desk 1=5": account id "desk 1"');
    // Not a duplicate: the first mm entry was refused, so this is the only one.
    expect(problems[0]).not.toContain('listed twice');
  });

  it('takes several audiences (a user app client and a machine client)', () => {
    expect(load({ AUTH_AUDIENCE: 'web-client, mm-client' }).AUTH_AUDIENCE).toEqual([
      'web-client',
      'mm-client',
    ]);
    expect(problemsOf({ AUTH_AUDIENCE: ' , ' })).toEqual([
      expect.stringMatching(/^AUTH_AUDIENCE must name at least one audience/),
    ]);
  });

  it('takes a scope prefix that ends in "/"', () => {
    expect(load({ AUTH_SCOPE_PREFIX: 'https://api.example.com/' }).AUTH_SCOPE_PREFIX).toBe(
      'https://api.example.com/',
    );
    expect(problemsOf({ AUTH_SCOPE_PREFIX: 'perp-api' })).toEqual([
      expect.stringMatching(/^AUTH_SCOPE_PREFIX must be a resource server identifier and "\/"/),
    ]);
  });
});

describe('connection abuse defences', () => {
  it('has defaults: 10 s to authenticate, 20 unauthenticated sockets per IP, no trusted proxy', () => {
    const config = load({});
    expect(config.AUTH_DEADLINE_MS).toBe(10_000);
    expect(config.MAX_UNAUTHENTICATED_PER_IP).toBe(20);
    expect(config.TRUST_PROXY_HOPS).toBe(0);
    expect(config.UPGRADE_TIMEOUT_MS).toBe(10_000);
    expect(config.MAX_HEADER_BYTES).toBe(16_384);
  });

  it('reads them', () => {
    const config = load({
      AUTH_DEADLINE_MS: '5000',
      MAX_UNAUTHENTICATED_PER_IP: '5',
      TRUST_PROXY_HOPS: '1',
      UPGRADE_TIMEOUT_MS: '3000',
      MAX_HEADER_BYTES: '8192',
    });
    expect(config).toMatchObject({
      AUTH_DEADLINE_MS: 5_000,
      MAX_UNAUTHENTICATED_PER_IP: 5,
      TRUST_PROXY_HOPS: 1,
      UPGRADE_TIMEOUT_MS: 3_000,
      MAX_HEADER_BYTES: 8_192,
    });
  });

  it.each([
    ['AUTH_DEADLINE_MS', '0'],
    ['AUTH_DEADLINE_MS', 'soon'],
    ['MAX_UNAUTHENTICATED_PER_IP', '0'],
    ['MAX_UNAUTHENTICATED_PER_IP', '2.5'],
    ['TRUST_PROXY_HOPS', '-1'],
    ['TRUST_PROXY_HOPS', '11'],
    ['UPGRADE_TIMEOUT_MS', '10'],
    ['MAX_HEADER_BYTES', '100'],
    ['MAX_HEADER_BYTES', '1000000'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name} `))]);
  });
});
