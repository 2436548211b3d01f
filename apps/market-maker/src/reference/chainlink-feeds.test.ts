import { describe, expect, it } from 'vitest';
import { parseChainlinkFeeds } from './chainlink-feeds.ts';

// Chainlink's Ethereum mainnet BTC/USD and ETH/USD proxies.
const BTC_USD = '0xF4030086522a5bEEa4988F8cA5B36dbC97BeE88c';
const ETH_USD = '0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419';

function problems(text: string): readonly string[] {
  const result = parseChainlinkFeeds(text);
  if (result.ok) throw new Error(`expected ${text} to be refused`);
  return result.error.problems;
}

describe('parseChainlinkFeeds', () => {
  it('maps each symbol to its checksummed address', () => {
    const result = parseChainlinkFeeds(
      ` BTC-PERP=${BTC_USD} , ETH-PERP = ${ETH_USD.toLowerCase()}`,
    );
    expect(result.ok && [...result.value]).toEqual([
      ['BTC-PERP', BTC_USD],
      ['ETH-PERP', ETH_USD],
    ]);
  });

  it('refuses an empty value', () => {
    expect(problems('  ')).toEqual(['names no feed (expected SYMBOL=0xADDRESS,…)']);
  });

  it('names every bad entry by position and text', () => {
    expect(problems(`btc-perp=${BTC_USD},ETH-PERP=0x1234,SOL-PERP`)).toEqual([
      `entry 1 "btc-perp=${BTC_USD}": "btc-perp": InstrumentSymbol must be a symbol such as "BTC-PERP"`,
      'entry 2 "ETH-PERP=0x1234": "0x1234" is not an address (0x and 40 hex digits, with a valid checksum if mixed case)',
      'entry 3 "SOL-PERP": expected SYMBOL=0xADDRESS',
    ]);
  });

  it('refuses a mistyped checksummed address, an ICAP address, a repeated symbol and an empty entry', () => {
    const mistyped = BTC_USD.replace('bEEa', 'beEa');
    const found = problems(
      `BTC-PERP=${mistyped},ETH-PERP=XE7338O073KYGTWWZN0F2WZ0R8PX5ZPPZS,BTC-PERP=${BTC_USD},`,
    );
    expect(found).toHaveLength(4);
    expect(found[0]).toContain(`entry 1 "BTC-PERP=${mistyped}": "${mistyped}" is not an address`);
    expect(found[1]).toContain('entry 2 "ETH-PERP=XE7338O073KYGTWWZN0F2WZ0R8PX5ZPPZS"');
    expect(found[2]).toBe(`entry 3 "BTC-PERP=${BTC_USD}": BTC-PERP is given twice`);
    expect(found[3]).toBe('entry 4 "": expected SYMBOL=0xADDRESS');
  });

  it('says in its message which setting it is about', () => {
    const result = parseChainlinkFeeds('BTC-PERP');
    expect(!result.ok && result.error.message).toBe(
      'MARKET_MAKER_CHAINLINK_FEEDS: entry 1 "BTC-PERP": expected SYMBOL=0xADDRESS',
    );
    expect(!result.ok && result.error.code).toBe('INVALID_CHAINLINK_FEEDS');
  });
});
