// The CLI as an operator runs it (`npm run -s venue -- …`), against published vectors: the
// official Hyperliquid Python SDK's tests and Binance's documentation examples.
import { ENTRY_POINTS, runNodeProgram } from '@perp/local-stack';
import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from './args.ts';
import { parseAction, signatureLine } from './sign.ts';

const secrets = (name: string) => /PRIVATE_KEY|API_SECRET/.test(name);
const venue = (args: readonly string[], env: Record<string, string> = {}) =>
  runNodeProgram(ENTRY_POINTS.venue, args, { env, unset: secrets });

const KEY = '0x0123456789012345678901234567890123456789012345678901234567890123';
const ORDER =
  '{"type":"order","orders":[{"a":1,"b":true,"p":"100","s":"100","r":false,"t":{"limit":{"tif":"Gtc"}},"c":"0x00000000000000000000000000000001"}],"grouping":"na"}';

describe('npm run -s venue -- sign', () => {
  it('signs a Hyperliquid order with a cloid as the official SDK does, on mainnet and testnet', async () => {
    const mainnet = await venue([
      'sign',
      'hyperliquid',
      '--private-key',
      KEY,
      '--nonce',
      '0',
      '--action',
      ORDER,
    ]);
    expect(mainnet.code).toBe(0);
    expect(mainnet.stdout).toBe(
      '{"r":"0x41ae18e8239a56cacbc5dad94d45d0b747e5da11ad564077fcac71277a946e3","s":"0x3c61f667e747404fe7eea8f90ab0e76cc12ce60270438b2058324681a00116da","v":27}\n',
    );
    const testnet = await venue(
      ['sign', 'hyperliquid', '--nonce', '0', '--action', ORDER, '--testnet'],
      {
        HYPERLIQUID_PRIVATE_KEY: KEY,
      },
    );
    expect(JSON.parse(testnet.stdout)).toEqual({
      r: '0xeba0664bed2676fc4e5a743bf89e5c7501aa6d870bdb9446e122c9466c5cd16d',
      s: '0x7f3e74825c9114bc59086f1eebea2928c190fdfbfde144827cb02b85bbe90988',
      v: 28,
    });
  });

  it('signs for a vault', async () => {
    const run = await venue([
      'sign',
      'hyperliquid',
      '--private-key',
      KEY,
      '--nonce',
      '0',
      '--action',
      '{"type":"dummy","num":100000000000}',
      '--vault',
      '0x1719884eb866cb12b2287399b15f7db5e7d775ea',
    ]);
    expect(JSON.parse(run.stdout)).toEqual({
      r: '0x3c548db75e479f8012acf3000ca3a6b05606bc2ec0c29c50c515066a326239',
      s: '0x4d402be7396ce74fbba3795769cda45aec00dc3125a984f2a9f23177b190da2c',
      v: 28,
    });
  });

  it("signs Binance's documented example", async () => {
    const run = await venue(
      [
        'sign',
        'binance',
        '--payload',
        'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943',
      ],
      { BINANCE_API_SECRET: '2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9' },
    );
    expect(run.stdout).toBe('3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9\n');
  });

  it('signs an LN Markets request', async () => {
    const run = await venue([
      'sign',
      'lnmarkets',
      '--secret',
      'lnm-test-secret',
      '--timestamp',
      '1700000000000',
      '--method',
      'GET',
      '--path',
      '/v3/futures/cross/orders/filled',
      '--data',
      '?limit=10&from=1699990000000',
    ]);
    expect(run.stdout).toBe('O3Ex2KTDKyjRmJbKZpTI7cFjW/UT+Hkew62QTjFpewM=\n');
  });

  it('refuses bad input with exit code 2, a reason and the usage, never echoing a secret', async () => {
    const badKey = '0xnot-a-key-but-a-secret-all-the-same';
    const cases: [string[], RegExp][] = [
      [
        ['sign', 'hyperliquid', '--private-key', badKey, '--nonce', '0', '--action', '{}'],
        /--private-key must be 0x/,
      ],
      [
        ['sign', 'hyperliquid', '--private-key', KEY, '--nonce=-1', '--action', ORDER],
        /--nonce must be a non-negative integer/,
      ],
      [
        ['sign', 'hyperliquid', '--private-key', KEY, '--nonce', '0', '--action', '{"type":'],
        /--action is not JSON/,
      ],
      [
        ['sign', 'hyperliquid', '--private-key', KEY, '--nonce', '0', '--action', '[1]'],
        /must be a JSON object/,
      ],
      [
        ['sign', 'hyperliquid', '--private-key', KEY, '--nonce', '0', '--action', '{"a":1}'],
        /string "type"/,
      ],
      [
        ['sign', 'hyperliquid', '--nonce', '0', '--action', ORDER],
        /--private-key is required \(or HYPERLIQUID_PRIVATE_KEY\)/,
      ],
      [['sign', 'binance', '--secret', 's'], /--payload is required/],
      [
        [
          'sign',
          'lnmarkets',
          '--secret',
          's',
          '--timestamp',
          '1',
          '--method',
          'PATCH',
          '--path',
          '/v3/x',
        ],
        /--method must be/,
      ],
      [['sign', 'kraken'], /unknown venue 'kraken'/],
      [['sign'], /sign needs a venue/],
      [['fly'], /unknown command 'fly'/],
      [['sign', 'binance', '--bogus'], /Unknown option '--bogus'/],
    ];
    // Each case in process (a process each is slow under load); two as the operator runs them.
    for (const [args, message] of cases) {
      let refusal: unknown;
      try {
        signatureLine(parseCommandLine(args, {}) as Parameters<typeof signatureLine>[0]);
      } catch (error) {
        refusal = error;
      }
      expect(refusal, args.join(' ')).toBeInstanceOf(UsageError);
      expect((refusal as Error).message).toMatch(message);
      expect((refusal as Error).message).not.toContain(badKey);
    }
    for (const [args, message] of [cases[0], cases[2]] as [string[], RegExp][]) {
      const run = await venue(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toContain('usage: npm run -s venue');
      expect(run.stderr).not.toContain(badKey);
      expect(run.stdout).toBe('');
    }
  });

  it('prints the usage with --help', async () => {
    const run = await venue(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/sign hyperliquid --private-key/);
  });
});

describe('parseAction', () => {
  it('keeps key order and integers beyond 2^53 exactly', () => {
    const action = parseAction('{"type":"dummy","z":1,"a":12312312312300000000,"m":1.5}');
    expect(Object.keys(action)).toEqual(['type', 'z', 'a', 'm']);
    expect(action['a']).toBe(12_312_312_312_300_000_000n);
    expect(action['m']).toBe(1.5);
  });
});
