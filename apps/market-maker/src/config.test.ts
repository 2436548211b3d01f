import { ConfigError } from '@perp/config';
import { describe, expect, it } from 'vitest';
import { loadMarketMakerConfig, symbolVariable } from './config.ts';

const REQUIRED = {
  MARKET_MAKER_GATEWAY_URL: 'ws://127.0.0.1:8080/v1/ws',
  MARKET_MAKER_TOKEN: 'secret-token-value',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadMarketMakerConfig({ ...REQUIRED, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('market maker config', () => {
  it('runs on defaults: both seed symbols, the ticker reference, port 9106', () => {
    const config = loadMarketMakerConfig(REQUIRED);
    expect([...config.symbols.keys()]).toEqual(['BTC-PERP', 'ETH-PERP']);
    expect(config.MARKET_MAKER_REFERENCE).toBe('ticker');
    expect(config.MARKET_MAKER_PORT).toBe(9106);
    expect(config.symbols.get('BTC-PERP' as never)?.MARKET_MAKER_LEVELS).toBe(5);
  });

  it('a per-symbol variable overrides the default for that symbol only', () => {
    const config = loadMarketMakerConfig({
      ...REQUIRED,
      MARKET_MAKER_BASE_SIZE: '0.02',
      MARKET_MAKER_BASE_SIZE_ETH_PERP: '0.5',
    });
    expect(config.symbols.get('BTC-PERP' as never)?.MARKET_MAKER_BASE_SIZE.toString()).toBe('0.02');
    expect(config.symbols.get('ETH-PERP' as never)?.MARKET_MAKER_BASE_SIZE.toString()).toBe('0.5');
    expect(symbolVariable('MARKET_MAKER_LEVELS', 'ETH-PERP')).toBe('MARKET_MAKER_LEVELS_ETH_PERP');
  });

  it('names every wrong variable at once, and never echoes the token', () => {
    const problems = problemsOf({
      MARKET_MAKER_LEVELS: 'many',
      MARKET_MAKER_SIZE_TAPER_BTC_PERP: '1.5',
      MARKET_MAKER_GATEWAY_URL: 'http://127.0.0.1:8080',
      MARKET_MAKER_SYMBOLS: 'BTC-PERP,btc perp',
    });
    const text = problems.join('\n');
    expect(text).toMatch(/MARKET_MAKER_LEVELS must be an integer/);
    expect(text).toMatch(/MARKET_MAKER_GATEWAY_URL must use ws or wss/);
    expect(text).toMatch(/MARKET_MAKER_SYMBOLS .*"btc perp" is not a symbol/);
    expect(problemsOf({ MARKET_MAKER_SIZE_TAPER_BTC_PERP: '1.5' }).join('\n')).toMatch(
      /MARKET_MAKER_SIZE_TAPER_BTC_PERP must be at most 1/,
    );
    expect(problemsOf({ MARKET_MAKER_TOKEN: '' })).toEqual([
      'MARKET_MAKER_TOKEN is missing (or set MARKET_MAKER_TOKEN_URL, MARKET_MAKER_CLIENT_ID, MARKET_MAKER_CLIENT_SECRET for client-credentials tokens)',
    ]);
    expect(text).not.toContain('secret-token-value');
  });

  it('authenticates one way: a fixed token or all three client-credentials variables', () => {
    const machine = {
      MARKET_MAKER_TOKEN_URL: 'http://127.0.0.1:9104/oauth2/token',
      MARKET_MAKER_CLIENT_ID: 'perp-local-market-maker',
      MARKET_MAKER_CLIENT_SECRET: 'client-secret-value',
    };
    const { MARKET_MAKER_TOKEN: _token, ...withoutToken } = REQUIRED;
    const config = loadMarketMakerConfig({ ...withoutToken, ...machine });
    expect(config.MARKET_MAKER_TOKEN_SCOPE).toBe('perp-api/trade');
    const both = problemsOf(machine);
    expect(both).toEqual([
      'MARKET_MAKER_TOKEN and MARKET_MAKER_TOKEN_URL, MARKET_MAKER_CLIENT_ID, MARKET_MAKER_CLIENT_SECRET do not go together: set one way to authenticate',
    ]);
    let partial: readonly string[] = [];
    try {
      loadMarketMakerConfig({ ...withoutToken, MARKET_MAKER_CLIENT_ID: 'perp-local-market-maker' });
    } catch (error) {
      partial = (error as ConfigError).problems;
    }
    expect(partial).toEqual([
      'MARKET_MAKER_TOKEN_URL is missing (client-credentials tokens need MARKET_MAKER_TOKEN_URL, MARKET_MAKER_CLIENT_ID, MARKET_MAKER_CLIENT_SECRET)',
      'MARKET_MAKER_CLIENT_SECRET is missing (client-credentials tokens need MARKET_MAKER_TOKEN_URL, MARKET_MAKER_CLIENT_ID, MARKET_MAKER_CLIENT_SECRET)',
    ]);
    expect([...both, ...partial].join('\n')).not.toContain('client-secret-value');
  });

  it('checks the model across knobs, naming the variable that holds the value', () => {
    const problems = problemsOf({
      MARKET_MAKER_MAX_POSITION_ETH_PERP: '2',
      MARKET_MAKER_INVENTORY_TARGET: '3',
    });
    expect(
      problems.some((p) => p.startsWith('MARKET_MAKER_INVENTORY_TARGET') && p.includes('ETH-PERP')),
    ).toBe(true);
  });

  it('a feed list with a bad entry names the variable and the entry', () => {
    const problems = problemsOf({
      MARKET_MAKER_REFERENCE: 'chainlink',
      MARKET_MAKER_CHAINLINK_RPC_URL: 'http://127.0.0.1:8545',
      MARKET_MAKER_CHAINLINK_FEEDS: 'BTC-PERP=0x1234',
    });
    expect(problems.join('\n')).toMatch(/^MARKET_MAKER_CHAINLINK_FEEDS .*entry 1/m);
  });

  it('an on-chain reference needs its RPC and feeds', () => {
    const problems = problemsOf({ MARKET_MAKER_REFERENCE: 'ticker+chainlink' });
    expect(problems.join('\n')).toMatch(/MARKET_MAKER_CHAINLINK_RPC_URL is missing/);
    expect(problems.join('\n')).toMatch(/MARKET_MAKER_CHAINLINK_FEEDS is missing/);
  });
});
