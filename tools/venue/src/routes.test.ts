// `venue routes` and `venue route`: the instruments' routes in the config table, against DynamoDB
// Local (a table prefix of this file's own), with BTC-PERP listed and ETH-PERP not; in process
// and as the operator runs them.
import { ENTRY_POINTS, runNodeProgram } from '@perp/local-stack';
import { listedInstrument, SEED_INSTRUMENTS } from '@perp/demo-seed';
import { ensureTables } from '@perp/resources';
import { connectDynamoDb, defined, type DynamoDbTestInstance } from '@perp/test-services';
import { ConfigStore, documentClient } from '@perp/trading-store';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from './args.ts';
import type { RouteCommand } from './route-args.ts';
import { runRoutes } from './routes.ts';

let dynamo: DynamoDbTestInstance;
let config: ConfigStore;
let env: Record<string, string>;
beforeAll(async () => {
  dynamo = await connectDynamoDb();
  const client = dynamo.createClient();
  await ensureTables(client, dynamo.tablePrefix);
  config = new ConfigStore({ db: documentClient(client), tablePrefix: dynamo.tablePrefix });
  const btc = defined(
    SEED_INSTRUMENTS.find((seed) => seed.symbol === 'BTC-PERP'),
    'the BTC-PERP seed',
  );
  await config.putInstrument(listedInstrument(btc));
  // USD contracts of BTC, as LN Markets trades them.
  await config.putInstrument(
    listedInstrument({
      ...btc,
      symbol: 'BTCUSD-INV',
      contractType: 'inverse',
      lotSize: '1',
      minQuantity: '1',
      maxQuantity: '1000000',
    }),
  );
  // No AWS keys: a loopback endpoint is an emulator, which the CLI signs for with fixed ones.
  env = { DYNAMODB_ENDPOINT: dynamo.endpoint, RESOURCE_PREFIX: dynamo.tablePrefix };
}, 60_000);
afterAll(() => dynamo?.dispose());
beforeEach(async () => {
  for (const route of await config.listRoutes()) await config.deleteRoute(route.symbol);
});

const run = (args: string[], withEnv: Record<string, string> = env) =>
  runRoutes(parseCommandLine(args, {}) as RouteCommand, withEnv);
const venue = (args: string[]) =>
  runNodeProgram(ENTRY_POINTS.venue, args, { env, unset: (name) => /^AWS_/.test(name) });

describe('npm run -s venue -- routes / route', () => {
  it('sets, lists, replaces and removes an instrument route in the config table', async () => {
    expect(await run(['routes'])).toEqual({
      passed: true,
      lines: ['(every instrument -> sim/default)'],
    });
    expect(await run(['route', 'BTC-PERP', 'binance-usdm/main'])).toEqual({
      passed: true,
      lines: [
        'BTC-PERP -> binance-usdm/main (new orders; open orders keep theirs)',
        '(the OMS reads routes every 5 s)',
      ],
    });
    // Written where the OMS reads it.
    expect(await config.listRoutes()).toEqual([
      { symbol: 'BTC-PERP', venue: 'binance-usdm', venueAccount: 'main' },
    ]);
    expect((await run(['routes'])).lines).toEqual([
      'BTC-PERP -> binance-usdm/main',
      '(every other instrument -> sim/default)',
    ]);

    expect((await run(['route', 'BTC-PERP', 'hyperliquid/mm-1'])).passed).toBe(true);
    expect(await config.listRoutes()).toEqual([
      { symbol: 'BTC-PERP', venue: 'hyperliquid', venueAccount: 'mm-1' },
    ]);

    expect(await run(['route', 'BTC-PERP', '--default'])).toEqual({
      passed: true,
      lines: [
        'BTC-PERP -> sim/default (new orders; open orders keep theirs)',
        '(the OMS reads routes every 5 s)',
      ],
    });
    expect(await config.listRoutes()).toEqual([]);
    expect((await run(['route', 'BTC-PERP', '--default'])).lines).toEqual([
      'BTC-PERP has no route set: its new orders go to sim/default',
    ]);
  });

  it('refuses an instrument that is not listed, naming it, and writes nothing', async () => {
    expect(await run(['route', 'ETH-PERP', 'hyperliquid/main'])).toEqual({
      passed: false,
      lines: ['route failed: ETH-PERP is not a listed instrument (listed: BTC-PERP, BTCUSD-INV)'],
    });
    expect(await config.listRoutes()).toEqual([]);
  });

  it('fails, naming the table, when the config table is not there or the environment is wrong', async () => {
    const missing = await run(['routes'], {
      ...env,
      RESOURCE_PREFIX: `${dynamo.tablePrefix}none-`,
    });
    expect(missing.passed).toBe(false);
    expect(missing.lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^routes failed: config table ${dynamo.tablePrefix}none-config: .*non-existent table`,
        ),
      ),
    ]);
    const badEnv = await run(['routes'], { ...env, DYNAMODB_ENDPOINT: 'ftp://127.0.0.1:1' });
    expect(badEnv.passed).toBe(false);
    expect(badEnv.lines.join('\n')).toMatch(
      /^routes failed: Invalid configuration:\n.*DYNAMODB_ENDPOINT/,
    );
  });

  it('refuses a bad route with a reason: grammar and unknown venues', () => {
    for (const [args, message] of [
      [['route'], /route needs a symbol and <venue>\/<account>, or --default/],
      [
        ['route', 'BTC-PERP'],
        /route needs <venue>\/<account> \(e.g. binance-usdm\/main\), or --default/,
      ],
      [
        ['route', 'btc-perp', 'sim/default'],
        /InstrumentSymbol must be a symbol such as "BTC-PERP", not 'btc-perp'/,
      ],
      [['route', 'BTC-PERP', 'binance-usdm'], /route target must be <venue>\/<account>/],
      [['route', 'BTC-PERP', 'sim/default/x'], /route target must be <venue>\/<account>/],
      [['route', 'BTC-PERP', 'Binance/main'], /route target: VenueName must be .*, not 'Binance'/],
      [
        ['route', 'BTC-PERP', 'binance-usdm/Main!'],
        /route target: VenueAccountName must be .*, not 'Main!'/,
      ],
      [
        ['route', 'BTC-PERP', 'binance/main'],
        /unknown venue 'binance' \(sim, hyperliquid, binance-usdm, lnmarkets\)/,
      ],
      [['route', 'BTC-PERP', 'kraken/main'], /unknown venue 'kraken'/],
      [['route', 'BTC-PERP', 'sim/default', '--default'], /not both/],
      [['route', 'BTC-PERP', 'sim/default', 'extra'], /unexpected argument 'extra'/],
      [['routes', 'BTC-PERP'], /unexpected argument 'BTC-PERP'/],
      [['routes', '--default'], /--default is for route <SYMBOL>/],
    ] as [string[], RegExp][]) {
      expect(() => parseCommandLine(args, {}), args.join(' ')).toThrow(UsageError);
      expect(() => parseCommandLine(args, {}), args.join(' ')).toThrow(message);
    }
  });

  it('works as the operator runs it: exit 0 when done, 1 when refused by the table or the contract type, 2 for a bad route', async () => {
    const set = await venue(['route', 'BTC-PERP', 'hyperliquid/main']);
    expect([set.code, set.stdout, set.stderr]).toEqual([
      0,
      'BTC-PERP -> hyperliquid/main (new orders; open orders keep theirs)\n(the OMS reads routes every 5 s)\n',
      '',
    ]);
    const listed = await venue(['routes']);
    expect([listed.code, listed.stdout]).toEqual([
      0,
      'BTC-PERP -> hyperliquid/main\n(every other instrument -> sim/default)\n',
    ]);
    const unlisted = await venue(['route', 'ETH-PERP', 'sim/default']);
    expect([unlisted.code, unlisted.stdout]).toEqual([
      1,
      'route failed: ETH-PERP is not a listed instrument (listed: BTC-PERP, BTCUSD-INV)\n',
    ]);
    // BTC-PERP is linear; LN Markets trades inverse (USD) contracts.
    const lnmarkets = await venue(['route', 'BTC-PERP', 'lnmarkets/main']);
    expect([lnmarkets.code, lnmarkets.stdout]).toEqual([
      1,
      'route failed: BTC-PERP is linear and lnmarkets trades inverse contracts: its orders would be mis-sized\n',
    ]);
    const inverse = await venue(['route', 'BTCUSD-INV', 'lnmarkets/bot']);
    expect([inverse.code, inverse.stdout.split('\n')[0]]).toEqual([
      0,
      'BTCUSD-INV -> lnmarkets/bot (new orders; open orders keep theirs)',
    ]);
    const inverseToLinear = await venue(['route', 'BTCUSD-INV', 'binance-usdm/main']);
    expect(inverseToLinear.stdout).toMatch(/BTCUSD-INV is inverse and binance-usdm trades linear/);
    const unknown = await venue(['route', 'BTC-PERP', 'kraken/main']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('the OMS reads them every 5 s');
    expect(await config.listRoutes()).toEqual([
      { symbol: 'BTC-PERP', venue: 'hyperliquid', venueAccount: 'main' },
      { symbol: 'BTCUSD-INV', venue: 'lnmarkets', venueAccount: 'bot' },
    ]);
  });
});
