import { describe, expect, it } from 'vitest';
import { venueSecretName, venueSecretsPrefix } from './venue-secrets.ts';

describe('venue secret names', () => {
  it('names one secret per environment, venue and account, under one grantable prefix', () => {
    expect(venueSecretName('prod', 'hyperliquid', 'bot-alice')).toBe(
      'perp/prod/venue-keys/hyperliquid/bot-alice',
    );
    expect(
      venueSecretName('dev', 'binance-usdm', 'main').startsWith(venueSecretsPrefix('dev')),
    ).toBe(true);
  });

  it('refuses segments that would escape or blur the naming', () => {
    for (const [environment, venue, account] of [
      ['Prod', 'hyperliquid', 'main'],
      ['prod', 'hyper/liquid', 'main'],
      ['prod', 'hyperliquid', '../main'],
      ['prod', 'hyperliquid', ''],
      ['prod', 'hyperliquid', '-main'],
      ['prod', 'hyperliquid', 'x'.repeat(65)],
    ] as const)
      expect(() => venueSecretName(environment, venue, account)).toThrow(RangeError);
  });
});
