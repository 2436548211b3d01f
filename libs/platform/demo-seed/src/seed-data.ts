// The platform's demo data: the instruments (shared by the OMS's config table and the sim-venue,
// so their tick and lot sizes can never disagree), the demo accounts and the market maker's
// account. `npm start` seeds them; the harnesses and the e2e suite trade them.
import { instrumentFromText, type Instrument, type InstrumentText } from '@perp/trading-domain';

/** An instrument as the seed writes it (listed: status `trading`) and where its index starts. */
export interface InstrumentSeed extends Omit<InstrumentText, 'status'> {
  /** Where the simulated index price starts. */
  readonly startPrice: string;
}

export const SEED_INSTRUMENTS: readonly InstrumentSeed[] = [
  {
    symbol: 'BTC-PERP',
    baseAsset: 'BTC',
    quoteAsset: 'USD',
    tickSize: '0.5',
    lotSize: '0.001',
    minQuantity: '0.001',
    maxQuantity: '100',
    maxNotional: '5000000',
    initialMarginRate: '0.1',
    maintenanceMarginRate: '0.05',
    priceBandRate: '0.05',
    startPrice: '60000',
  },
  {
    symbol: 'ETH-PERP',
    baseAsset: 'ETH',
    quoteAsset: 'USD',
    tickSize: '0.05',
    lotSize: '0.01',
    minQuantity: '0.01',
    maxQuantity: '2000',
    maxNotional: '5000000',
    initialMarginRate: '0.1',
    maintenanceMarginRate: '0.05',
    priceBandRate: '0.05',
    startPrice: '3000',
  },
];

/**
 * The instruments the OMS and gateway harnesses list: the seed's, except that ETH-PERP's minimum
 * (0.05) is above its lot (0.01), so a test can tell the minimum rule from the lot rule.
 */
export const TEST_INSTRUMENTS: readonly InstrumentSeed[] = SEED_INSTRUMENTS.map((seed) =>
  seed.symbol === 'ETH-PERP' ? { ...seed, minQuantity: '0.05' } : seed,
);

export const SEED_ACCOUNTS = [
  { accountId: 'alice', deposit: '100000' },
  { accountId: 'bob', deposit: '100000' },
] as const;

/**
 * The market maker's own account: seeded and funded like the demo accounts but not one of them
 * (not for people to trade as: the bot's quotes and cancels would fight theirs).
 */
export const MARKET_MAKER_ACCOUNT = { accountId: 'mm', deposit: '1000000' } as const;

/**
 * The market maker's order requests per second and burst on the local stack's gateway
 * (RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES); the bot's own rate limit should stay below them.
 */
export const MARKET_MAKER_ORDER_RATE = { perSecond: 100, burst: 200 } as const;

/** The gateway's RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES: the market maker quotes faster than people. */
export const GATEWAY_ORDER_RATE_OVERRIDES = `${MARKET_MAKER_ACCOUNT.accountId}=${MARKET_MAKER_ORDER_RATE.perSecond}:${MARKET_MAKER_ORDER_RATE.burst}`;

/** The operator account the seed's admin commands are issued as. */
export const SEED_OPERATOR = 'stack-seed';

/** The seed as the config table lists it: trading. */
export function listedInstrument(seed: InstrumentSeed): Instrument {
  const { startPrice: _start, ...text } = seed;
  return instrumentFromText({ ...text, status: 'trading' });
}

/** The sim-venue's SIM_VENUE_SYMBOLS: `SYMBOL:TICK:LOT:START,…`. */
export function simVenueSymbols(instruments: readonly InstrumentSeed[]): string {
  return instruments.map((i) => `${i.symbol}:${i.tickSize}:${i.lotSize}:${i.startPrice}`).join(',');
}

/**
 * How the stack's market maker quotes, over the app's defaults (apps/market-maker/README.md):
 * what `npm start`, `npm run market-maker`, the bot's tests and its benchmark all run.
 */
export const MARKET_MAKER_STACK_SETTINGS = {
  // ETH is worth a twentieth of BTC: a tenth of one, not a hundredth, makes a visible book.
  MARKET_MAKER_BASE_SIZE_ETH_PERP: '0.1',
  // About 1.7 bps of BTC and 3 bps of ETH: the grid rides out a second's walk of the index.
  MARKET_MAKER_REQUOTE_THRESHOLD_TICKS: '20',
  // Under the gateway's per-connection limit (50/s, every method counted) and the account's
  // override (MARKET_MAKER_ORDER_RATE), with room for its reads.
  MARKET_MAKER_ORDERS_PER_SECOND: '40',
  MARKET_MAKER_ORDER_BURST: '80',
} as const;
