import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConfigError,
  bool,
  decimal,
  int,
  json,
  list,
  loadConfig,
  oneOf,
  port,
  str,
  url,
} from './index.ts';

const schema = {
  PORT: port().default(8080),
  REDIS_URL: url(['redis', 'rediss']),
  LOG_LEVEL: oneOf(['debug', 'info', 'warn']).default('info'),
  DRAIN: bool().default(false),
  BATCH: int(1, 10).default(10),
  SYMBOLS: list().default([]),
  MAX_NOTIONAL: decimal().optional(),
  JWT_SECRET: str().optional(),
};

describe('loadConfig', () => {
  it('parses and types every variable, applying defaults', () => {
    const config = loadConfig(schema, {
      REDIS_URL: 'redis://127.0.0.1:6379',
      DRAIN: 'yes',
      SYMBOLS: 'BTC-PERP, ETH-PERP,',
      MAX_NOTIONAL: '1000000.50',
    });
    expect(config).toEqual({
      PORT: 8080,
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'info',
      DRAIN: true,
      BATCH: 10,
      SYMBOLS: ['BTC-PERP', 'ETH-PERP'],
      MAX_NOTIONAL: '1000000.50',
      JWT_SECRET: undefined,
    });
  });

  it('returns a frozen object', () => {
    const config = loadConfig(schema, { REDIS_URL: 'redis://localhost' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names the missing variable', () => {
    expect(() => loadConfig(schema, {})).toThrowError(/REDIS_URL is missing/);
  });

  it('treats an empty string as missing', () => {
    expect(() => loadConfig(schema, { REDIS_URL: '' })).toThrowError(/REDIS_URL is missing/);
  });

  it('reports every malformed variable at once, with its value and the reason', () => {
    let caught: unknown;
    try {
      loadConfig(schema, { REDIS_URL: 'http://x', PORT: 'eighty', BATCH: '11', LOG_LEVEL: 'loud' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems).toContain('PORT must be an integer (got "eighty")');
    expect(problems).toContain('BATCH must be at most 10 (got "11")');
    expect(problems).toContain('REDIS_URL must use redis or rediss (got "http://x")');
    expect(problems.find((p) => p.startsWith('LOG_LEVEL'))).toMatch(
      /must be one of debug, info, warn/,
    );
    expect((caught as ConfigError).code).toBe('CONFIG_INVALID');
  });

  it('rejects a value that is not a URL at all, as a problem rather than a crash', () => {
    expect(() => loadConfig(schema, { REDIS_URL: 'nope' })).toThrowError(
      /REDIS_URL must be a URL \(got "nope"\)/,
    );
  });

  it('never echoes the value of a secret-looking variable', () => {
    const secretSchema = { API_KEY: int() };
    expect(() => loadConfig(secretSchema, { API_KEY: 'hunter2-not-a-number' })).toThrowError(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('rejects a float-looking decimal with garbage', () => {
    expect(() => loadConfig({ X: decimal() }, { X: '1e5' })).toThrowError(
      /X must be a decimal number/,
    );
  });

  it('parses booleans strictly', () => {
    expect(loadConfig({ B: bool() }, { B: '0' }).B).toBe(false);
    expect(() => loadConfig({ B: bool() }, { B: 'maybe' })).toThrowError(/B must be true or false/);
  });

  it('reads structured settings as JSON, naming where they are wrong and never echoing them', () => {
    const accounts = json(
      z.array(z.strictObject({ venue: z.enum(['a', 'b']), n: z.number() })),
      [],
    );
    expect(loadConfig({ ACCOUNTS: accounts }, {}).ACCOUNTS).toEqual([]);
    expect(
      loadConfig({ ACCOUNTS: accounts }, { ACCOUNTS: '[{"venue":"a","n":1}]' }).ACCOUNTS,
    ).toEqual([{ venue: 'a', n: 1 }]);
    expect(() => loadConfig({ ACCOUNTS: accounts }, { ACCOUNTS: '[{"venue":' })).toThrowError(
      /ACCOUNTS must be JSON$/,
    );
    const wrong = '[{"venue":"a","n":1},{"venue":"c","n":2,"secret":"hunter2"}]';
    expect(() => loadConfig({ ACCOUNTS: accounts }, { ACCOUNTS: wrong })).toThrowError(
      expect.objectContaining({
        message: expect.stringMatching(/ACCOUNTS at 1\.venue: .*; at 1: .*secret/),
      }),
    );
    expect(() => loadConfig({ ACCOUNTS: accounts }, { ACCOUNTS: wrong })).toThrowError(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
