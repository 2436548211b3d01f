import { ConfigError } from '@perp/config';
import { describe, expect, it } from 'vitest';
import { loadOmsConfig } from './config.ts';

const env = {
  AWS_REGION: 'us-east-1',
  SQS_ENDPOINT: 'http://127.0.0.1:4566',
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SIM_VENUE_URL: 'http://127.0.0.1:9100',
};

describe('loadOmsConfig', () => {
  it('defaults the reconciliation grace and interval', () => {
    const config = loadOmsConfig(env);
    expect(config.RECONCILE_GRACE_MS).toBe(30_000);
    expect(config.RECONCILE_INTERVAL_MS).toBe(10_000);
  });

  it('refuses a grace that a re-sent place could outlast, naming both variables', () => {
    const load = () =>
      loadOmsConfig({ ...env, RECONCILE_GRACE_MS: '8000', VENUE_TIMEOUT_MS: '4000' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/RECONCILE_GRACE_MS \(8000\).*VENUE_TIMEOUT_MS \(4000\)/);
    expect(() =>
      loadOmsConfig({ ...env, RECONCILE_GRACE_MS: '8001', VENUE_TIMEOUT_MS: '4000' }),
    ).not.toThrow();
  });

  it('refuses an out-of-range interval, naming it', () => {
    expect(() => loadOmsConfig({ ...env, RECONCILE_INTERVAL_MS: '5' })).toThrow(
      /RECONCILE_INTERVAL_MS/,
    );
  });

  it('reads the venue accounts it trades; none by default', () => {
    expect(loadOmsConfig(env).VENUE_ACCOUNTS).toEqual([]);
    const accounts = JSON.stringify([
      { venue: 'binance-usdm', account: 'main', symbols: { 'BTC-PERP': 'BTCUSDT' } },
    ]);
    expect(loadOmsConfig({ ...env, VENUE_ACCOUNTS: accounts }).VENUE_ACCOUNTS).toMatchObject([
      { venue: 'binance-usdm', account: 'main', network: 'mainnet' },
    ]);
  });

  it('refuses venue accounts it cannot trade, naming the variable and the place, never a key', () => {
    const load = (accounts: unknown) => () =>
      loadOmsConfig({ ...env, VENUE_ACCOUNTS: JSON.stringify(accounts) });
    expect(
      load([{ venue: 'binance-usdm', account: 'main', symbols: {}, apiSecret: 'hunter2' }]),
    ).toThrow(/VENUE_ACCOUNTS at 0\.symbols: .*; at 0: .*apiSecret/);
    expect(
      load([{ venue: 'binance-usdm', account: 'main', symbols: {}, apiSecret: 'hunter2' }]),
    ).not.toThrow(/hunter2/);
  });
});
