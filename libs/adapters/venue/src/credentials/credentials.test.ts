// Venue credentials: read from Secrets Manager (moto's server: the real wire protocol, versions
// and errors), a file or the environment; cached, re-read on expiry or refusal; never printed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { Writable } from 'node:stream';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { createLogger } from '@perp/logger';
import { LOCAL_AWS_CREDENTIALS, startMoto, type MotoInstance } from '@perp/test-services';
import { newOrderId, type AccountId, type InstrumentSymbol } from '@perp/trading-domain';
import { Decimal } from '@perp/decimal';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HyperliquidClient } from '../hyperliquid/hyperliquid-client.ts';
import { startHyperliquidStandIn, type HyperliquidStandIn } from '../stand-ins.ts';
import {
  VenueCredentialsError,
  VenueCredentialsRefusedError,
  VenueCredentialsUnavailableError,
} from '../venue-errors.ts';
import { envSource, envVariable, fileSource, secretsManagerSource } from './credential-sources.ts';
import { VenueCredentialStore } from './credential-store.ts';
import { CredentialedVenueClient } from './credentialed-venue-client.ts';
import { Redacted } from './redacted.ts';

const KEY_A = Wallet.createRandom();
const KEY_B = Wallet.createRandom();
const MASTER = Wallet.createRandom().address.toLowerCase();
const hl = (agent: { privateKey: string }) =>
  JSON.stringify({ agentPrivateKey: agent.privateKey, masterAddress: MASTER });
/** What must never be printed: the keys, also without their 0x. */
const SECRETS = [KEY_A.privateKey, KEY_B.privateKey].flatMap((k) => [k, k.slice(2)]);

let moto: MotoInstance;
let sm: SecretsManagerClient;
let dir: string;
beforeAll(async () => {
  moto = await startMoto();
  sm = new SecretsManagerClient({
    endpoint: moto.endpoint,
    region: 'us-east-1',
    credentials: LOCAL_AWS_CREDENTIALS,
  });
  dir = await mkdtemp(join(tmpdir(), 'venue-keys-'));
}, 30_000);
afterAll(async () => {
  sm?.destroy();
  await moto?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The error a promise is rejected with; a failure if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

/** A logger whose every line lands in `lines`. */
function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return {
    logger: createLogger({ service: 'credentials-test', level: 'trace', destination: stream }),
    lines,
  };
}

describe('Redacted', () => {
  it('shows a marker in JSON, strings, util.inspect and log lines; reveal() hands the value over', () => {
    const secret = new Redacted({ apiSecret: 'very-secret-value' });
    const { logger, lines } = capturedLogger();
    logger.info({ credentials: secret, nested: { secret } }, `using ${String(secret)}`);
    const printed = [
      JSON.stringify({ secret }),
      String(secret),
      `${secret}`,
      inspect({ secret }),
      ...lines,
    ];
    for (const text of printed) expect(text).not.toContain('very-secret-value');
    expect(lines.join('')).toContain('[redacted]');
    expect(secret.reveal().apiSecret).toBe('very-secret-value');
  });
});

describe('VenueCredentialStore', () => {
  it('reads Secrets Manager by environment, venue and account, and sees a rotation after its TTL', async () => {
    await sm.send(
      new CreateSecretCommand({
        Name: 'perp/dev/venue-keys/hyperliquid/main',
        SecretString: hl(KEY_A),
      }),
    );
    let now = 1_000;
    const store = new VenueCredentialStore({
      sources: [secretsManagerSource({ client: sm, environment: 'dev' })],
      ttlMs: 60_000,
      clock: () => now,
    });
    const ref = { venue: 'hyperliquid', account: 'main' } as const;
    const first = await store.get(ref);
    expect(first.credentials.reveal()).toEqual({
      agentPrivateKey: KEY_A.privateKey,
      masterAddress: MASTER,
    });
    expect(first.source).toBe('secrets-manager:perp/dev/venue-keys');
    const rotated = await sm.send(
      new PutSecretValueCommand({
        SecretId: 'perp/dev/venue-keys/hyperliquid/main',
        SecretString: hl(KEY_B),
      }),
    );
    // Within the TTL: the cached value (no request).
    expect((await store.get(ref)).version).toBe(first.version);
    now += 60_000;
    const second = await store.get(ref);
    expect(second.version).toBe(rotated.VersionId);
    expect(second.credentials.reveal().agentPrivateKey).toBe(KEY_B.privateKey);
  });

  it('names what is missing or malformed, never the value', async () => {
    const store = new VenueCredentialStore({
      sources: [secretsManagerSource({ client: sm, environment: 'dev' }), envSource({})],
    });
    const missing = store.get({ venue: 'binance-usdm', account: 'nobody' });
    await expect(missing).rejects.toThrow(VenueCredentialsError);
    await expect(missing).rejects.toMatchObject({
      code: 'VENUE_CREDENTIALS_MISSING',
      message:
        'no credentials for binance-usdm/nobody in secrets-manager:perp/dev/venue-keys, environment',
    });
    const leaked = `0x${KEY_A.privateKey.slice(2, 50)}`;
    const env = {
      [envVariable({ venue: 'hyperliquid', account: 'bot-1' })]: JSON.stringify({
        agentPrivateKey: leaked,
        masterAddress: 'not-an-address',
      }),
      VENUE_KEYS_LNMARKETS_MAIN: '{"key": "k", "secret": ',
    };
    expect(envVariable({ venue: 'binance-usdm', account: 'bot-1' })).toBe(
      'VENUE_KEYS_BINANCE_USDM_BOT_1',
    );
    const fromEnv = new VenueCredentialStore({ sources: [envSource(env)] });
    const invalid = await rejection(fromEnv.get({ venue: 'hyperliquid', account: 'bot-1' }));
    expect(invalid).toMatchObject({ code: 'VENUE_CREDENTIALS_INVALID' });
    expect(invalid.message).toMatch(/agentPrivateKey must be 0x and 64 hex digits/);
    expect(invalid.message).toMatch(/masterAddress must be 0x and 40 hex digits/);
    expect(invalid.message).not.toContain(leaked.slice(2));
    expect(invalid.message).not.toContain('not-an-address');
    await expect(fromEnv.get({ venue: 'lnmarkets', account: 'main' })).rejects.toThrow(
      /credentials of lnmarkets\/main in environment are not JSON/,
    );
  });

  it('takes the first source that holds the account; reads a file again once invalidated', async () => {
    const path = join(dir, 'venue-keys.json');
    const write = (secret: string) =>
      writeFile(
        path,
        JSON.stringify({ 'binance-usdm/main': { apiKey: 'key-1', apiSecret: secret } }),
      );
    await write('secret-1');
    const store = new VenueCredentialStore({
      sources: [
        fileSource(path),
        envSource({ VENUE_KEYS_BINANCE_USDM_MAIN: '{"apiKey":"e","apiSecret":"e"}' }),
      ],
    });
    const ref = { venue: 'binance-usdm', account: 'main' } as const;
    // Concurrent first reads share one read.
    const [a, b] = await Promise.all([store.get(ref), store.get(ref)]);
    expect(a).toBe(b);
    expect(a.credentials.reveal().apiSecret).toBe('secret-1');
    await write('secret-2');
    expect((await store.get(ref)).credentials.reveal().apiSecret).toBe('secret-1');
    store.invalidate(ref);
    const after = await store.get(ref);
    expect(after.credentials.reveal().apiSecret).toBe('secret-2');
    expect(after.version).not.toBe(a.version);
    await rm(path);
    store.invalidate(ref);
    expect((await store.get(ref)).source).toBe('environment');
  });

  it('a Secrets Manager that cannot be reached is retryable, and says which secret', async () => {
    const down = new SecretsManagerClient({
      endpoint: 'http://127.0.0.1:1',
      region: 'us-east-1',
      credentials: LOCAL_AWS_CREDENTIALS,
      maxAttempts: 1,
    });
    const store = new VenueCredentialStore({
      sources: [secretsManagerSource({ client: down, environment: 'prod' })],
    });
    const reading = store.get({ venue: 'hyperliquid', account: 'main' });
    await expect(reading).rejects.toThrow(VenueCredentialsUnavailableError);
    await expect(reading).rejects.toThrow(/perp\/prod\/venue-keys\/hyperliquid\/main/);
    down.destroy();
  });
});

describe('CredentialedVenueClient', () => {
  let standIn: HyperliquidStandIn;
  beforeAll(async () => {
    standIn = await startHyperliquidStandIn({ agents: { [KEY_A.address]: MASTER } });
  });
  afterAll(() => standIn?.close());

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

  it('follows a key rotation without a restart: the refused request is made again with the new key, once', async () => {
    const name = 'perp/stg/venue-keys/hyperliquid/bot-alice';
    await sm.send(new CreateSecretCommand({ Name: name, SecretString: hl(KEY_A) }));
    const { logger, lines } = capturedLogger();
    const store = new VenueCredentialStore({
      sources: [secretsManagerSource({ client: sm, environment: 'stg' })],
    });
    let built = 0;
    const venue = new CredentialedVenueClient({
      venue: 'hyperliquid' as never,
      contractType: 'linear',
      account: { venue: 'hyperliquid', account: 'bot-alice' },
      store,
      build: (credentials) => {
        built += 1;
        logger.info({ credentials: new Redacted(credentials) }, 'venue client built');
        return new HyperliquidClient({
          url: standIn.url,
          network: 'mainnet',
          ...credentials,
          coins: { 'ETH-PERP': 'ETH' },
          timeoutMs: 2_000,
        });
      },
    });
    expect(await venue.placeOrder(order('2800'))).toMatchObject({ outcome: 'accepted' });
    const before = venue.credentialsVersion;

    // The operator rotates: a new API wallet approved, the old one revoked, the secret updated.
    standIn.approveAgent(KEY_B.address, MASTER);
    standIn.revokeAgent(KEY_A.address);
    await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: hl(KEY_B) }));
    const requests = standIn.exchangeRequests;
    const placed = await venue.placeOrder(order('2801'));
    expect(placed).toMatchObject({ outcome: 'accepted' });
    expect(standIn.exchangeRequests - requests).toBe(2); // refused with the old key, then placed
    expect(venue.credentialsVersion).not.toBe(before);
    expect(built).toBe(2);

    // Revoked with no new secret: the refusal surfaces (retryable), nothing repeated in a loop.
    standIn.revokeAgent(KEY_B.address);
    const again = standIn.exchangeRequests;
    const refused = venue.placeOrder(order('2802'));
    await expect(refused).rejects.toThrow(VenueCredentialsRefusedError);
    expect(standIn.exchangeRequests - again).toBe(1);
    const error = await rejection(refused);
    logger.warn({ err: error }, 'placing failed');
    const printed = lines.join('') + String(error.stack);
    for (const secret of SECRETS) expect(printed).not.toContain(secret);
    expect(printed).toContain('venue client built');
  });
});
