import { Contract, isAddress, type Provider } from 'ethers';
import type { InstrumentSymbol } from '@perp/trading-domain';
import { connectRpc, describeRpcError, rpcHost } from './chainlink-rpc.ts';
import { interpretRound, type ChainlinkRound } from './chainlink-round.ts';
import type { ReferenceListener, ReferencePrice, ReferenceSource } from './reference-source.ts';

/** The two calls the source makes, of Chainlink's AggregatorV3Interface. */
const AGGREGATOR_ABI = [
  'function decimals() view returns (uint8)',
  'function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)',
];

/** While a feed keeps failing, one warning per this interval, not one per poll. */
const RPC_WARN_EVERY_MS = 60_000;

/** pino's shape; only what the source uses. */
export interface ChainlinkLogger {
  warn(obj: object, msg: string): void;
  info?(obj: object, msg: string): void;
}

interface CommonOptions {
  /** Each symbol's aggregator (or its proxy) address. */
  readonly feeds: ReadonlyMap<InstrumentSymbol, string>;
  /** Pause between the end of one poll of every feed and the next. */
  readonly pollIntervalMs: number;
  /** Per RPC request (own provider only); default the poll interval, within 1 to 10 seconds. */
  readonly requestTimeoutMs?: number;
  readonly logger?: ChainlinkLogger;
}

export type ChainlinkReferenceOptions = CommonOptions &
  (
    | {
        /** An http(s) JSON-RPC URL; the source owns the provider it builds and destroys it on stop. */
        readonly rpcUrl: string;
        readonly provider?: undefined;
      }
    | {
        /** A provider the caller owns (and destroys): stop() leaves it alone. */
        readonly provider: Provider;
        readonly rpcUrl?: undefined;
      }
  );

interface Feed {
  readonly symbol: InstrumentSymbol;
  readonly address: string;
  readonly contract: Contract;
  decimals: number;
  /** The round last reported; a poll that sees the same one reports nothing. */
  reported?: { readonly roundId: bigint; readonly answer: bigint };
  /** The round last refused, so a refusal that lasts many polls is logged once. */
  refused?: string;
  failures: number;
  lastWarnAt: number;
}

/** One run between start() and stop(); a poll of an earlier run reports nothing. */
interface Run {
  readonly provider: Provider;
  readonly owned: boolean;
  readonly feeds: readonly Feed[];
  timer?: NodeJS.Timeout;
}

/**
 * Reference prices from Chainlink-compatible on-chain feeds (AggregatorV3Interface), polled over
 * JSON-RPC with ethers. Reads each feed's `decimals()` once on start, then `latestRoundData()`
 * every poll; the answer becomes a Decimal exactly (bigint scaling, never a float) and
 * `observedAt` is the round's `updatedAt`, however old: the quoter's guard judges staleness. A
 * round that is not a price (answer ≤ 0, never updated, incomplete) is refused with a warning and
 * the last good price kept; so is an RPC failure, which never throws out of the poll loop.
 */
export class ChainlinkReference implements ReferenceSource {
  readonly name = 'chainlink';
  readonly #options: ChainlinkReferenceOptions;
  readonly #latest = new Map<InstrumentSymbol, ReferencePrice>();
  readonly #listeners = new Set<ReferenceListener>();
  #run: Run | undefined;
  /** Between start() and stop(), including while start() is still connecting. */
  #active = false;
  /** Counts stop() calls, so a start() that a stop() overtook gives up its provider. */
  #stops = 0;

  constructor(options: ChainlinkReferenceOptions) {
    if (!Number.isSafeInteger(options.pollIntervalMs) || options.pollIntervalMs <= 0)
      throw new RangeError(
        `pollIntervalMs must be a positive integer, not ${options.pollIntervalMs}`,
      );
    if (options.feeds.size === 0) throw new RangeError('a Chainlink reference needs a feed');
    for (const [symbol, address] of options.feeds)
      if (!isAddress(address)) throw new RangeError(`${symbol}: ${address} is not an address`);
    this.#options = options;
  }

  latest(symbol: InstrumentSymbol): ReferencePrice | undefined {
    return this.#latest.get(symbol);
  }

  onPrice(listener: ReferenceListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** Connects, reads every feed's decimals (rejecting, with the feed named, if one fails) and polls once. */
  async start(): Promise<void> {
    if (this.#active) throw new Error('the Chainlink reference is already started');
    this.#active = true;
    const stops = this.#stops;
    try {
      await this.#connect(stops);
    } catch (error) {
      if (this.#stops === stops) this.#active = false;
      throw error;
    }
  }

  async #connect(stops: number): Promise<void> {
    const options = this.#options;
    let provider: Provider;
    if (options.provider === undefined) {
      const timeoutMs =
        options.requestTimeoutMs ?? Math.min(Math.max(options.pollIntervalMs, 1_000), 10_000);
      try {
        provider = await connectRpc({ rpcUrl: options.rpcUrl, timeoutMs });
      } catch (error) {
        // No `cause`: the error's message and fields carry the URL, API key and all.
        const { code, error: text } = describeRpcError(error, options.rpcUrl);
        throw new Error(
          `Chainlink RPC ${rpcHost(options.rpcUrl)} does not answer: ${code ?? 'error'}: ${text}`,
        );
      }
    } else {
      provider = options.provider;
    }
    const owned = options.provider === undefined;
    const feeds = [...options.feeds].map(([symbol, address]): Feed => ({
      symbol,
      address,
      contract: new Contract(address, AGGREGATOR_ABI, provider),
      decimals: 0,
      failures: 0,
      lastWarnAt: 0,
    }));
    try {
      await Promise.all(feeds.map((feed) => this.#readDecimals(feed)));
    } catch (error) {
      if (owned) provider.destroy();
      throw error;
    }
    if (this.#stops !== stops) {
      if (owned) provider.destroy();
      return;
    }
    const run: Run = { provider, owned, feeds };
    this.#run = run;
    await this.#tick(run);
  }

  async stop(): Promise<void> {
    const run = this.#run;
    this.#run = undefined;
    this.#active = false;
    this.#stops += 1;
    this.#latest.clear();
    if (run === undefined) return;
    clearTimeout(run.timer);
    // Cancels queued requests; a reply already on its way is dropped, its run being over.
    if (run.owned) run.provider.destroy();
  }

  async #readDecimals(feed: Feed): Promise<void> {
    try {
      feed.decimals = Number((await feed.contract.getFunction('decimals').staticCall()) as bigint);
    } catch (error) {
      const { code, error: text } = describeRpcError(error, this.#options.rpcUrl);
      throw new Error(
        `Chainlink feed ${feed.symbol} at ${feed.address}: decimals() failed: ${code ?? 'error'}: ${text}`,
      );
    }
  }

  // Polls every feed, then schedules the next poll: never two polls of a feed at once, however slow the RPC.
  async #tick(run: Run): Promise<void> {
    await Promise.all(run.feeds.map((feed) => this.#poll(run, feed)));
    if (this.#run !== run) return;
    run.timer = setTimeout(() => void this.#tick(run), this.#options.pollIntervalMs);
    run.timer.unref();
  }

  async #poll(run: Run, feed: Feed): Promise<void> {
    let round: ChainlinkRound;
    try {
      const result = await feed.contract.getFunction('latestRoundData').staticCall();
      const [roundId, answer, startedAt, updatedAt, answeredInRound] = (
        result as { toArray(): unknown[] }
      ).toArray() as [bigint, bigint, bigint, bigint, bigint];
      round = { roundId, answer, startedAt, updatedAt, answeredInRound };
    } catch (error) {
      if (this.#run === run) this.#failed(feed, error);
      return;
    }
    if (this.#run !== run) return;
    if (feed.failures > 0) {
      this.#options.logger?.info?.(
        this.#context(feed, { failures: feed.failures }),
        'Chainlink feed answers again',
      );
      feed.failures = 0;
    }
    this.#observe(feed, round);
  }

  #observe(feed: Feed, round: ChainlinkRound): void {
    const verdict = interpretRound(round, feed.decimals);
    const reported = feed.reported;
    const reason = !verdict.ok
      ? verdict.reason
      : reported !== undefined && round.roundId < reported.roundId
        ? 'older round' // a lagging node behind a load balancer answers from an older block
        : undefined;
    if (reason !== undefined) {
      const key = `${round.roundId}:${round.answer}:${round.updatedAt}:${reason}`;
      if (feed.refused !== key)
        this.#options.logger?.warn(
          this.#context(feed, {
            reason,
            roundId: String(round.roundId),
            answer: String(round.answer),
            updatedAt: String(round.updatedAt),
            answeredInRound: String(round.answeredInRound),
          }),
          'Chainlink round refused; keeping the last price',
        );
      feed.refused = key;
      return;
    }
    if (!verdict.ok) return;
    feed.refused = undefined;
    if (reported?.roundId === round.roundId && reported.answer === round.answer) return;
    feed.reported = { roundId: round.roundId, answer: round.answer };
    const price: ReferencePrice = {
      symbol: feed.symbol,
      price: verdict.price,
      observedAt: verdict.observedAt,
      source: this.name,
    };
    this.#latest.set(feed.symbol, price);
    for (const listener of this.#listeners) {
      try {
        listener(price);
      } catch (error) {
        // A listener's bug must not stop the poll loop (it runs in a timer: nothing would catch it).
        this.#options.logger?.warn(
          this.#context(feed, { error: String(error) }),
          'reference listener failed',
        );
      }
    }
  }

  #failed(feed: Feed, error: unknown): void {
    feed.failures += 1;
    const now = Date.now();
    if (feed.failures > 1 && now - feed.lastWarnAt < RPC_WARN_EVERY_MS) return;
    feed.lastWarnAt = now;
    this.#options.logger?.warn(
      this.#context(feed, {
        failures: feed.failures,
        ...describeRpcError(error, this.#options.rpcUrl),
      }),
      'Chainlink poll failed; keeping the last price',
    );
  }

  #context(feed: Feed, extra: object): object {
    const { rpcUrl } = this.#options;
    return {
      source: this.name,
      symbol: feed.symbol,
      feed: feed.address,
      ...(rpcUrl === undefined ? {} : { rpc: rpcHost(rpcUrl) }),
      ...extra,
    };
  }
}
