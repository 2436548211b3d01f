import { JsonRpcProvider, type JsonRpcSigner } from 'ethers';
import { startAnvil, waitFor, waitUntil, type AnvilInstance } from '@perp/test-services';
import { identifierOf, type InstrumentSymbol } from '@perp/trading-domain';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChainlinkReference, type ChainlinkReferenceOptions } from './chainlink-reference.ts';
import type { ReferencePrice } from './reference-source.ts';
import { deployMockAggregator, type MockAggregator } from './test-support/mock-aggregator.ts';

const BTC = identifierOf('InstrumentSymbol', 'BTC-PERP');
const ETH = identifierOf('InstrumentSymbol', 'ETH-PERP');
// Node providers put the API key in the URL; anvil ignores the query string, so the tests pass one
// and check that no log line carries it.
const API_KEY = 'sEcReT-aPi-KeY-42';
const POLL_MS = 100;
const WAIT = { timeoutMs: 5_000, intervalMs: 20 } as const;

interface Warning {
  readonly obj: Record<string, unknown>;
  readonly msg: string;
}

/** Anvil, an ethers provider and signer on it, and what a test needs to run a source against it. */
async function chain(anvil: AnvilInstance) {
  // cacheTimeout -1: ethers otherwise answers a repeated call from a 250 ms cache.
  const provider = new JsonRpcProvider(anvil.rpcUrl, anvil.chainId, {
    staticNetwork: true,
    cacheTimeout: -1,
  });
  // Anvil's first default account, unlocked: the node signs, no private key in the test.
  const signer: JsonRpcSigner = await provider.getSigner(0);
  return { provider, signer };
}

function recorder() {
  const warnings: Warning[] = [];
  const infos: Warning[] = [];
  return {
    warnings,
    infos,
    logger: {
      warn: (obj: object, msg: string) => void warnings.push({ obj: obj as Warning['obj'], msg }),
      info: (obj: object, msg: string) => void infos.push({ obj: obj as Warning['obj'], msg }),
    },
    refusals: (symbol: InstrumentSymbol, reason: string) =>
      warnings.filter((w) => w.obj['symbol'] === symbol && w.obj['reason'] === reason).length,
  };
}

const nowSeconds = () => BigInt(Math.floor(Date.now() / 1000));

describe('ChainlinkReference against a MockAggregator on anvil', () => {
  let anvil: AnvilInstance;
  let provider: JsonRpcProvider;
  let btcFeed: MockAggregator;
  let ethFeed: MockAggregator;
  const sources: ChainlinkReference[] = [];

  beforeAll(async () => {
    anvil = await startAnvil();
    const connected = await chain(anvil);
    provider = connected.provider;
    btcFeed = await deployMockAggregator(connected.signer, 8, 'BTC / USD');
    ethFeed = await deployMockAggregator(connected.signer, 8, 'ETH / USD');
  });
  afterEach(async () => {
    await Promise.all(sources.splice(0).map((source) => source.stop()));
  });
  afterAll(async () => {
    provider?.destroy();
    await anvil?.stop();
  });

  function source(options: Partial<ChainlinkReferenceOptions> = {}) {
    const log = recorder();
    const created = new ChainlinkReference({
      rpcUrl: `${anvil.rpcUrl}/?apikey=${API_KEY}`,
      feeds: new Map([
        [BTC, btcFeed.address],
        [ETH, ethFeed.address],
      ]),
      pollIntervalMs: POLL_MS,
      logger: log.logger,
      ...options,
    } as ChainlinkReferenceOptions);
    sources.push(created);
    const seen: ReferencePrice[] = [];
    created.onPrice((price: ReferencePrice) => void seen.push(price));
    return { source: created, seen, ...log };
  }

  it('reads an 8-decimal answer exactly, observed at updatedAt', async () => {
    const updatedAt = nowSeconds();
    await btcFeed.updateAnswer(6_123_456_789_012n, updatedAt);
    await ethFeed.updateAnswer(312_345_678_901n, updatedAt);
    const { source: reference, seen } = source();

    await reference.start();

    const btc = reference.latest(BTC);
    expect(btc?.price.toString()).toBe('61234.56789012');
    expect(btc?.observedAt).toBe(Number(updatedAt) * 1000);
    expect(btc?.source).toBe('chainlink');
    expect(reference.latest(ETH)?.price.toString()).toBe('3123.45678901');
    expect(seen.map((p) => [p.symbol, p.price.toString()])).toEqual(
      expect.arrayContaining([
        [BTC, '61234.56789012'],
        [ETH, '3123.45678901'],
      ]),
    );
  });

  it('sees an update after a poll and reports each round once', async () => {
    await btcFeed.updateAnswer(6_000_000_000_000n, nowSeconds());
    const { source: reference, seen } = source();
    await reference.start();
    const before = seen.filter((p) => p.symbol === BTC).length;

    const updatedAt = nowSeconds() + 1n;
    await btcFeed.updateAnswer(6_000_012_345_678n, updatedAt);

    const updated = await waitFor(() => {
      const latest = reference.latest(BTC);
      return latest?.price.toString() === '60000.12345678' ? latest : undefined;
    }, WAIT);
    expect(updated.observedAt).toBe(Number(updatedAt) * 1000);
    // Several polls later the same round has still been reported once.
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * 4));
    expect(seen.filter((p) => p.symbol === BTC).length).toBe(before + 1);
  });

  it('reports a stale updatedAt as it is: judging age is the guard’s job', async () => {
    const anHourAgo = nowSeconds() - 3_600n;
    await btcFeed.updateAnswer(5_900_000_000_000n, anHourAgo);
    const { source: reference, warnings } = source();

    await reference.start();

    expect(reference.latest(BTC)?.price.toString()).toBe('59000');
    expect(reference.latest(BTC)?.observedAt).toBe(Number(anHourAgo) * 1000);
    expect(warnings).toEqual([]);
  });

  it('refuses an incomplete round, a non-positive answer and a never-updated round, keeping the last price', async () => {
    const updatedAt = nowSeconds();
    await btcFeed.updateAnswer(6_100_000_000_000n, updatedAt);
    const { source: reference, seen, refusals } = source();
    await reference.start();
    const good = reference.latest(BTC);
    expect(good?.price.toString()).toBe('61000');
    const emitted = seen.length;

    const latestRound = (await btcFeed.contract.getFunction('latestRound').staticCall()) as bigint;
    // A round still being aggregated: answeredInRound lags roundId, the answer is an old one.
    await btcFeed.updateRoundData({
      roundId: latestRound + 1n,
      answer: 6_200_000_000_000n,
      startedAt: updatedAt + 1n,
      updatedAt: updatedAt + 1n,
      answeredInRound: latestRound,
    });
    await waitUntil(() => refusals(BTC, 'incomplete round') === 1, WAIT);

    await btcFeed.updateAnswer(0n, updatedAt + 2n);
    await waitUntil(() => refusals(BTC, 'non-positive answer') === 1, WAIT);
    await btcFeed.updateAnswer(-1n, updatedAt + 3n);
    await waitUntil(() => refusals(BTC, 'non-positive answer') === 2, WAIT);

    await btcFeed.updateAnswer(6_300_000_000_000n, 0n);
    await waitUntil(() => refusals(BTC, 'not updated') === 1, WAIT);

    // Each refusal is logged once although many polls saw it, and nothing was reported.
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * 3));
    expect(refusals(BTC, 'not updated')).toBe(1);
    expect(reference.latest(BTC)).toEqual(good);
    expect(seen.length).toBe(emitted);

    // The next good round is taken again.
    await btcFeed.updateAnswer(6_400_000_000_000n, updatedAt + 4n);
    await waitUntil(() => reference.latest(BTC)?.price.toString() === '64000', WAIT);
  });

  it('keeps the two feeds independent', async () => {
    const updatedAt = nowSeconds();
    await btcFeed.updateAnswer(6_500_000_000_000n, updatedAt);
    await ethFeed.updateAnswer(330_000_000_000n, updatedAt);
    const { source: reference, seen, warnings } = source();
    await reference.start();
    const btc = reference.latest(BTC);

    await ethFeed.updateAnswer(-330_000_000_000n, updatedAt + 1n);
    await waitUntil(() => warnings.some((w) => w.obj['symbol'] === ETH), WAIT);
    expect(warnings.some((w) => w.obj['symbol'] === BTC)).toBe(false);
    await ethFeed.updateAnswer(331_000_000_000n, updatedAt + 2n);
    await waitUntil(() => reference.latest(ETH)?.price.toString() === '3310', WAIT);

    expect(reference.latest(BTC)).toEqual(btc);
    expect(seen.filter((p) => p.symbol === BTC)).toHaveLength(1);
    expect(seen.filter((p) => p.symbol === ETH).map((p) => p.price.toString())).toEqual([
      '3300',
      '3310',
    ]);
  });

  it('goes on polling past a listener that throws, and refuses a second start', async () => {
    await btcFeed.updateAnswer(6_600_000_000_000n, nowSeconds());
    const { source: reference, warnings } = source();
    reference.onPrice(() => {
      throw new Error('listener bug');
    });
    await reference.start();
    await expect(reference.start()).rejects.toThrow(/already started/);

    await btcFeed.updateAnswer(6_700_000_000_000n, nowSeconds());
    await waitUntil(() => reference.latest(BTC)?.price.toString() === '67000', WAIT);
    expect(warnings.filter((w) => w.msg === 'reference listener failed').length).toBeGreaterThan(0);
  });

  it('stops cleanly when stopped while still starting', async () => {
    const { source: reference, seen } = source();
    const starting = reference.start();
    await reference.stop();
    await starting;
    const count = seen.length;
    await btcFeed.updateAnswer(6_800_000_000_000n, nowSeconds());
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * 3));
    expect(seen.length).toBe(count);
    expect(reference.latest(BTC)).toBeUndefined();
  });

  it('refuses to start, naming the feed, when an address is not an aggregator', async () => {
    const { source: reference } = source({
      feeds: new Map([[BTC, '0x000000000000000000000000000000000000dEaD']]),
    });
    await expect(reference.start()).rejects.toThrow(
      /BTC-PERP at 0x000000000000000000000000000000000000dEaD: decimals\(\) failed/,
    );
  });

  it('refuses to start when the RPC does not answer, without the URL’s secret', async () => {
    const gone = await startAnvil();
    await gone.stop();
    const { source: reference } = source({ rpcUrl: `${gone.rpcUrl}/?apikey=${API_KEY}` });
    const error = await reference.start().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/^Chainlink RPC 127\.0\.0\.1:\d+ does not answer/);
    expect(JSON.stringify({ message: error?.message, cause: error?.cause })).not.toContain(API_KEY);
  });
});

describe('ChainlinkReference when the RPC goes away', () => {
  it('keeps the last price, logs the host only and does not throw', async () => {
    const anvil = await startAnvil();
    const { provider, signer } = await chain(anvil);
    const feed = await deployMockAggregator(signer, 8, 'BTC / USD');
    const updatedAt = nowSeconds();
    await feed.updateAnswer(6_123_456_789_012n, updatedAt);
    provider.destroy();
    const log = recorder();
    const reference = new ChainlinkReference({
      rpcUrl: `${anvil.rpcUrl}/?apikey=${API_KEY}`,
      feeds: new Map([[BTC, feed.address]]),
      pollIntervalMs: POLL_MS,
      logger: log.logger,
    });
    try {
      await reference.start();
      const last = reference.latest(BTC);
      expect(last?.price.toString()).toBe('61234.56789012');

      await anvil.stop();
      await waitUntil(
        () => log.warnings.some((w) => w.msg.startsWith('Chainlink poll failed')),
        WAIT,
      );
      // Polls go on failing, quietly (one warning a minute), and the price stays.
      await new Promise((resolve) => setTimeout(resolve, POLL_MS * 5));

      expect(reference.latest(BTC)).toEqual(last);
      const failed = log.warnings.filter((w) => w.msg.startsWith('Chainlink poll failed'));
      expect(failed).toHaveLength(1);
      expect(failed[0]?.obj).toMatchObject({
        symbol: BTC,
        rpc: new URL(anvil.rpcUrl).host,
        failures: 1,
      });
      expect(JSON.stringify(log.warnings)).not.toContain(API_KEY);
    } finally {
      await reference.stop();
      await anvil.stop();
    }
    expect(reference.latest(BTC)).toBeUndefined();
  });
});
