// `venue check`: the operator's proof that a venue account's credentials work, against the
// Hyperliquid, Binance and LN Markets stand-ins and Secrets Manager (moto's server), as a process
// and in process; and `positions` and `cancel-all` against the same stand-ins.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENTRY_POINTS, runNodeProgram } from '@perp/local-stack';
import { LOCAL_AWS_CREDENTIALS, startMoto, type MotoInstance } from '@perp/test-services';
import {
  startBinanceStandIn,
  startHyperliquidStandIn,
  startLnMarketsStandIn,
  type HyperliquidStandIn,
} from '@perp/venue-adapter/stand-ins';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '@perp/decimal';
import { newOrderId, type AccountId, type InstrumentSymbol } from '@perp/trading-domain';
import { HyperliquidClient, LnMarketsClient } from '@perp/venue-adapter';
import { runAccountCommand } from './account-commands.ts';
import { parseCommandLine, UsageError } from './args.ts';
import { runCheck } from './check.ts';

const AGENT = Wallet.createRandom();
const STRANGER = Wallet.createRandom();
const MASTER = Wallet.createRandom().address.toLowerCase();
const hl = (agent: { privateKey: string }) => ({
  agentPrivateKey: agent.privateKey,
  masterAddress: MASTER,
});
const LNM = {
  key: 'lnm-key',
  secret: 'lnm-secret-value',
  passphrase: 'lnm-passphrase-value',
};
const LNM_WRONG_SECRET = 'lnm-wrong-secret-value';
const secretless = (name: string) => /^VENUE_KEYS_|PRIVATE_KEY|API_SECRET|^AWS_/.test(name);

let standIn: HyperliquidStandIn;
let moto: MotoInstance;
let dir: string;
let keysFile: string;
beforeAll(async () => {
  [standIn, moto] = await Promise.all([
    startHyperliquidStandIn({ agents: { [AGENT.address]: MASTER } }),
    startMoto(),
  ]);
  dir = await mkdtemp(join(tmpdir(), 'venue-check-'));
  keysFile = join(dir, 'venue-keys.json');
  await writeFile(
    keysFile,
    JSON.stringify({
      'hyperliquid/main': hl(AGENT),
      'hyperliquid/stranger': hl(STRANGER),
      'hyperliquid/broken': {
        agentPrivateKey: `${AGENT.privateKey.slice(0, 40)}`,
        masterAddress: MASTER,
      },
      'binance-usdm/main': { apiKey: 'binance-key', apiSecret: 'binance-secret-value' },
      'binance-usdm/revoked': { apiKey: 'revoked-key', apiSecret: 'binance-secret-value' },
      'lnmarkets/main': LNM,
      'lnmarkets/wrong-secret': { ...LNM, secret: LNM_WRONG_SECRET },
    }),
  );
  const sm = new SecretsManagerClient({
    endpoint: moto.endpoint,
    region: 'us-east-1',
    credentials: LOCAL_AWS_CREDENTIALS,
  });
  await sm.send(
    new CreateSecretCommand({
      Name: 'perp/dev/venue-keys/hyperliquid/mm',
      SecretString: JSON.stringify(hl(AGENT)),
    }),
  );
  sm.destroy();
}, 30_000);
afterAll(async () => {
  await Promise.all([standIn?.close(), moto?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

const check = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCheck(
    parseCommandLine(
      ['check', ...args, '--keys-file', keysFile, '--url', standIn.url],
      env,
    ) as never,
    env,
  );
const neverPrinted = (text: string) => {
  for (const secret of [
    AGENT.privateKey,
    STRANGER.privateKey,
    'binance-secret-value',
    LNM.secret,
    LNM.passphrase,
    LNM_WRONG_SECRET,
  ])
    expect(text).not.toContain(secret.replace(/^0x/, ''));
};

describe('npm run -s venue -- check', () => {
  it('passes for an API wallet the venue knows as an agent of the configured master (keys file, as a process)', async () => {
    const run = await runNodeProgram(
      ENTRY_POINTS.venue,
      ['check', 'hyperliquid', '--keys-file', keysFile, '--url', standIn.url],
      { unset: secretless },
    );
    expect(run.stdout.split('\n')).toEqual([
      `credentials: hyperliquid/main from file:${keysFile}`,
      `API wallet ${AGENT.address.toLowerCase()} is an agent of ${MASTER}`,
      'open orders in mapped coins: 0',
      'check passed',
      '',
    ]);
    expect(run.code).toBe(0);
    neverPrinted(run.stdout + run.stderr);
  });

  it('reads Secrets Manager by environment with --env (as a process)', async () => {
    const run = await runNodeProgram(
      ENTRY_POINTS.venue,
      [
        'check',
        'hyperliquid',
        '--account',
        'mm',
        '--env',
        'dev',
        '--keys-file',
        keysFile,
        '--url',
        standIn.url,
      ],
      {
        unset: secretless,
        env: {
          SECRETS_MANAGER_ENDPOINT: moto.endpoint,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
        },
      },
    );
    expect(run.stdout).toMatch(
      /^credentials: hyperliquid\/mm from secrets-manager:perp\/dev\/venue-keys\n/,
    );
    expect(run.stdout).toMatch(/check passed\n$/);
    expect(run.code).toBe(0);
    neverPrinted(run.stdout + run.stderr);
  });

  it('fails, saying why, for an unknown API wallet and missing or malformed credentials', async () => {
    const stranger = await check(['hyperliquid', '--account', 'stranger']);
    expect(stranger.passed).toBe(false);
    expect(stranger.lines.at(-1)).toBe(
      `check failed: the venue does not know API wallet ${STRANGER.address.toLowerCase()} as an agent (not approved, revoked, or on the other network)`,
    );
    const fromEnv = await check(['hyperliquid', '--account', 'bot-1'], {
      VENUE_KEYS_HYPERLIQUID_BOT_1: JSON.stringify(hl(AGENT)),
    });
    expect(fromEnv).toMatchObject({ passed: true });
    expect(fromEnv.lines[0]).toBe('credentials: hyperliquid/bot-1 from environment');
    const testnet = await check(['hyperliquid', '--testnet']);
    expect(testnet.passed).toBe(true); // the stand-in answers /info alike; signing is not involved
    const missing = await check(['hyperliquid', '--account', 'ghost']);
    expect(missing.lines).toEqual([
      `check failed: no credentials for hyperliquid/ghost in file:${keysFile}, environment`,
    ]);
    const broken = await check(['hyperliquid', '--account', 'broken']);
    expect(broken.lines.join('\n')).toMatch(/agentPrivateKey must be 0x and 64 hex digits/);
    for (const result of [stranger, fromEnv, missing, broken])
      neverPrinted(result.lines.join('\n'));
    const down = await runCheck(
      parseCommandLine(
        ['check', 'hyperliquid', '--keys-file', keysFile, '--url', 'http://127.0.0.1:1'],
        {},
      ) as never,
      {},
    );
    expect(down.passed).toBe(false);
    expect(down.lines.at(-1)).toMatch(/^check failed: /);
  });

  it('verifies a Binance API key with a signed read, and says when the venue refuses it', async () => {
    const binance = await startBinanceStandIn({ keys: { 'binance-key': 'binance-secret-value' } });
    try {
      const run = (account: string) =>
        runCheck(
          parseCommandLine(
            [
              'check',
              'binance',
              '--account',
              account,
              '--keys-file',
              keysFile,
              '--url',
              binance.url,
            ],
            {},
          ) as never,
          {},
        );
      const passed = await run('main');
      expect(passed.lines).toEqual([
        `credentials: binance-usdm/main from file:${keysFile}`,
        'API key accepted for signed reads (request weight used this minute: 40)',
        'check passed',
      ]);
      const refused = await run('revoked');
      expect(refused.passed).toBe(false);
      expect(refused.lines.at(-1)).toMatch(
        /^check failed: .*-2015 Invalid API-key, IP, or permissions for action/,
      );
      for (const result of [passed, refused]) neverPrinted(result.lines.join('\n'));
    } finally {
      await binance.close();
    }
  });

  it('positions and cancel-all go to the venue account directly; cancel-all wants --yes', async () => {
    const trader = new HyperliquidClient({
      url: standIn.url,
      network: 'mainnet',
      agentPrivateKey: AGENT.privateKey,
      masterAddress: MASTER,
      coins: { 'ETH-PERP': 'ETH' },
    });
    const order = (price: string) => ({
      accountId: 'alice' as AccountId,
      orderId: newOrderId(Date.now()),
      symbol: 'ETH-PERP' as InstrumentSymbol,
      side: 'buy' as const,
      type: 'limit' as const,
      timeInForce: 'gtc' as const,
      price: Decimal.parse(price),
      quantity: Decimal.parse('0.01'),
      postOnly: false,
      reduceOnly: false,
    });
    const placed = await trader.placeOrder(order('2800'));
    standIn.fill(Number(placed.outcome === 'accepted' ? placed.venueOrderId : 0), '0.005');
    await trader.placeOrder(order('2700'));
    const run = (args: string[]) =>
      runAccountCommand(
        parseCommandLine([...args, '--keys-file', keysFile, '--url', standIn.url], {}) as never,
        {},
      );
    expect((await run(['positions', 'hyperliquid'])).lines).toEqual(['ETH-PERP 0.005 @ 2800']);
    expect(() => parseCommandLine(['cancel-all', 'hyperliquid'], {})).toThrow(/add --yes/);
    expect(
      (await run(['cancel-all', 'hyperliquid', '--yes', '--symbol', 'BTC-PERP'])).lines,
    ).toEqual(['canceled 0 orders of hyperliquid/main in BTC-PERP']);
    expect((await run(['cancel-all', 'hyperliquid', '--yes'])).lines).toEqual([
      'canceled 2 orders of hyperliquid/main',
    ]);
    expect(standIn.orders.filter((o) => o.status === 'open')).toEqual([]);
  });

  it('checks LN Markets keys with signed reads; positions in USD contracts and cancel-all go to the account', async () => {
    const lnm = await startLnMarketsStandIn({
      keys: { [LNM.key]: { secret: LNM.secret, passphrase: LNM.passphrase } },
      requestsPerSecond: 1_000,
    });
    try {
      const run = async (args: string[]) => {
        const argv = [...args, '--keys-file', keysFile, '--url', lnm.url];
        const command = parseCommandLine(argv, {});
        const result =
          command.name === 'check'
            ? await runCheck(command, {})
            : await runAccountCommand(command as never, {});
        neverPrinted(result.lines.join('\n'));
        return result;
      };
      const credentials = `credentials: lnmarkets/main from file:${keysFile}`;
      expect(await run(['check', 'lnmarkets'])).toEqual({
        passed: true,
        lines: [
          credentials,
          'API key accepted for signed reads (open orders: 0)',
          'cross position: flat',
          'check passed',
        ],
      });
      expect((await run(['positions', 'lnmarkets'])).lines).toEqual(['no positions']);

      // The venue checks the HMAC: a wrong secret is refused, and the venue's reason is shown.
      const refused = await run(['check', 'lnmarkets', '--account', 'wrong-secret']);
      expect(refused.passed).toBe(false);
      expect(refused.lines).toEqual([
        `credentials: lnmarkets/wrong-secret from file:${keysFile}`,
        expect.stringMatching(
          /^check failed: lnmarkets GET \/v3\/futures\/cross\/orders\/open: HTTP 401 Signature is not valid/,
        ),
      ]);
      const unmapped = await run(['check', 'lnmarkets', '--symbols', 'ETH-PERP']);
      expect(unmapped.lines).toEqual([
        'check failed: lnmarkets trades one pair, btc_usd, which is BTC-PERP: --symbols must include it',
      ]);

      // 100 USD bought at the ask (fills at once), and two limit orders resting.
      const trader = new LnMarketsClient({
        url: lnm.url,
        network: 'mainnet',
        credentials: LNM,
        symbols: { 'BTC-PERP': 'btc_usd' },
        requestsPerSecond: 1_000,
      });
      const order = (type: 'market' | 'limit', price: string | null) => ({
        accountId: 'alice' as AccountId,
        orderId: newOrderId(Date.now()),
        symbol: 'BTC-PERP' as InstrumentSymbol,
        side: 'buy' as const,
        type,
        timeInForce: type === 'market' ? ('ioc' as const) : ('gtc' as const),
        price: price === null ? null : Decimal.parse(price),
        quantity: Decimal.parse('100'),
        postOnly: false,
        reduceOnly: false,
      });
      for (const placed of [
        await trader.placeOrder(order('market', null)),
        await trader.placeOrder(order('limit', '55000')),
        await trader.placeOrder(order('limit', '54000.5')),
      ])
        expect(placed.outcome).toBe('accepted');
      expect((await run(['positions', 'lnmarkets'])).lines).toEqual(['BTC-PERP 100 USD @ 60000.5']);
      expect((await run(['check', 'lnmarkets'])).lines.slice(1)).toEqual([
        'API key accepted for signed reads (open orders: 2)',
        'cross position: BTC-PERP 100 USD @ 60000.5',
        'check passed',
      ]);

      const open = () => lnm.orders.filter((o) => o.filledAt === null && o.canceledAt === null);
      const otherSymbol = await run(['cancel-all', 'lnmarkets', '--yes', '--symbol', 'ETH-PERP']);
      expect(otherSymbol.passed).toBe(false);
      expect(otherSymbol.lines).toEqual([
        'cancel-all failed: lnmarkets: no LN Markets pair configured for ETH-PERP',
      ]);
      expect(open()).toHaveLength(2);
      expect((await run(['cancel-all', 'lnmarkets', '--yes'])).lines).toEqual([
        'canceled 2 orders of lnmarkets/main',
      ]);
      expect(open()).toEqual([]);
      expect((await run(['cancel-all', 'lnmarkets', '--yes'])).lines).toEqual([
        'canceled 0 orders of lnmarkets/main',
      ]);
      const refusedCancel = await run([
        'cancel-all',
        'lnmarkets',
        '--yes',
        '--account',
        'wrong-secret',
      ]);
      expect(refusedCancel.passed).toBe(false);
      expect(refusedCancel.lines[0]).toMatch(
        /^cancel-all failed: .*HTTP 401 Signature is not valid/,
      );
    } finally {
      await lnm.close();
    }
  });

  it('refuses a bad command line with a reason', () => {
    for (const [args, message] of [
      [['check'], /check needs a venue/],
      [['check', 'kraken'], /unknown venue 'kraken'/],
      [['check', 'hyperliquid', '--account', 'Main!'], /--account must be/],
      [['check', 'hyperliquid', '--env', '../prod'], /--env must be/],
      [['check', 'hyperliquid', '--url', 'ftp://x'], /--url must be an http/],
      [['positions', 'hyperliquid', '--symbols', 'btc'], /--symbols must be platform symbols/],
      [
        ['cancel-all', 'binance', '--yes', '--symbol', 'BTCUSDT'],
        /--symbol must be a platform symbol/,
      ],
      [['positions'], /positions needs a venue/],
    ] as [string[], RegExp][]) {
      expect(() => parseCommandLine(args, {}), args.join(' ')).toThrow(UsageError);
      expect(() => parseCommandLine(args, {})).toThrow(message);
    }
  });
});
