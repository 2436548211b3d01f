import {
  bool,
  ConfigError,
  configOrExit,
  decimal,
  int,
  list,
  loadConfig,
  oneOf,
  port,
  str,
  url,
} from '@perp/config';
import { Decimal } from '@perp/decimal';
import { validateQuoteParams, type QuoteParams, type QuoteParamField } from '@perp/market-making';
import { parseInstrumentSymbol, type InstrumentSymbol } from '@perp/trading-domain';
import { parseChainlinkFeeds } from './reference/chainlink-feeds.ts';

// Exact decimals with a range, for the knobs of the quote model (never parsed into a float).
const decimalAtLeast = (min: string, inclusive = true) =>
  decimal()
    .transform((text) => Decimal.parse(text))
    .refine(
      (value) => (inclusive ? value.gte(Decimal.parse(min)) : value.gt(Decimal.parse(min))),
      `must be ${inclusive ? 'at least' : 'above'} ${min}`,
    );
const ratio = () =>
  decimalAtLeast('0', false).refine((value) => value.lte(Decimal.ONE), 'must be at most 1');

/** The quote model's knobs: each has a per-symbol variable too (`<NAME>_BTC_PERP`). */
export const SYMBOL_ENV = {
  /** Levels per side. */
  MARKET_MAKER_LEVELS: int(1, 50).default(5),
  /** The innermost bid–ask spread at least, in basis points of the reference. */
  MARKET_MAKER_MIN_SPREAD_BPS: decimalAtLeast('0').default(Decimal.fromInt(10)),
  /** Distance between two levels of one side, in ticks. */
  MARKET_MAKER_LEVEL_SPACING_TICKS: int(1, 10_000).default(2),
  /** Size of the innermost level, in the base asset. */
  MARKET_MAKER_BASE_SIZE: decimalAtLeast('0', false).default(Decimal.parse('0.01')),
  /** Each further level's size is the previous one's times this (geometric taper). */
  MARKET_MAKER_SIZE_TAPER: ratio().default(Decimal.parse('0.8')),
  /** The capital the bot quotes with, in the collateral currency (USD). */
  MARKET_MAKER_FLOAT_AMOUNT: decimalAtLeast('0', false).default(Decimal.fromInt(100_000)),
  /** Share of the float on the book: half on each side, as notional. */
  MARKET_MAKER_ACTIVE_RATIO: ratio().default(Decimal.parse('0.4')),
  /** Avellaneda–Stoikov γ: how hard inventory shifts the reservation price. */
  MARKET_MAKER_RISK_AVERSION: decimalAtLeast('0').default(Decimal.parse('0.01')),
  /** Avellaneda–Stoikov T, in seconds. */
  MARKET_MAKER_HORIZON_SECONDS: decimalAtLeast('0', false).default(Decimal.fromInt(60)),
  /** The position the skew steers towards, in the base asset (signed). */
  MARKET_MAKER_INVENTORY_TARGET: decimal()
    .transform((text) => Decimal.parse(text))
    .default(Decimal.ZERO),
  /** Largest absolute position; at it only the reducing side is quoted. */
  MARKET_MAKER_MAX_POSITION: decimalAtLeast('0', false).default(Decimal.parse('1')),
  /** An order is replaced when its price is this many ticks from the desired one, or more. */
  MARKET_MAKER_REQUOTE_THRESHOLD_TICKS: int(1, 100_000).default(4),
};

export const MARKET_MAKER_ENV = {
  /** The gateway's trader API, `ws://HOST:PORT/v1/ws`. */
  MARKET_MAKER_GATEWAY_URL: url(['ws', 'wss']),
  /** A fixed bearer token for the bot's account; or the four client-credentials variables below. */
  MARKET_MAKER_TOKEN: str().optional(),
  /** OAuth 2.0 token endpoint (Cognito: `https://<domain>/oauth2/token`): tokens fetched and refreshed. */
  MARKET_MAKER_TOKEN_URL: url(['http', 'https']).optional(),
  /** The bot's app client id (client-credentials grant). */
  MARKET_MAKER_CLIENT_ID: str().optional(),
  /** Its client secret: from a secret store, never logged. */
  MARKET_MAKER_CLIENT_SECRET: str().optional(),
  /** The scopes asked for, space-separated. */
  MARKET_MAKER_TOKEN_SCOPE: str().default('perp-api/trade'),
  MARKET_MAKER_SYMBOLS: list()
    .refine((symbols) => symbols.length > 0, 'must name at least one symbol')
    .refine((symbols) => new Set(symbols).size === symbols.length, 'must not repeat a symbol')
    .transform((symbols, ctx) =>
      symbols.map((text) => {
        const parsed = parseInstrumentSymbol(text);
        if (parsed.ok) return parsed.value;
        ctx.addIssue({ code: 'custom', message: `"${text}" is not a symbol` });
        return text as never;
      }),
    )
    .default(['BTC-PERP', 'ETH-PERP'] as never),
  MARKET_MAKER_HOST: str().default('127.0.0.1'),
  /** The ops port: /health, /ready, /metrics, POST /halt, POST /resume. */
  MARKET_MAKER_PORT: port().default(9106),
  /** `ticker`: the venue's mark through the gateway; `chainlink`: an on-chain feed; both: guarded. */
  MARKET_MAKER_REFERENCE: oneOf(['ticker', 'chainlink', 'ticker+chainlink']).default('ticker'),
  /** A reference older than this pulls the symbol's quotes until a fresh one comes. */
  MARKET_MAKER_REFERENCE_STALE_MS: int(100, 86_400_000).default(5_000),
  /** Two sources further apart than this (basis points) pull the quotes. */
  MARKET_MAKER_REFERENCE_BAND_BPS: decimalAtLeast('0', false).default(Decimal.fromInt(100)),
  /** The chain's JSON-RPC endpoint, http or https (an API key in it is never logged). */
  MARKET_MAKER_CHAINLINK_RPC_URL: url(['http', 'https']).optional(),
  /** `BTC-PERP=0x…,ETH-PERP=0x…`: the aggregator of each symbol. */
  MARKET_MAKER_CHAINLINK_FEEDS: str()
    .transform((text, ctx) => {
      const parsed = parseChainlinkFeeds(text);
      if (parsed.ok) return parsed.value;
      for (const problem of parsed.error.problems)
        ctx.addIssue({ code: 'custom', message: problem });
      return new Map<InstrumentSymbol, string>();
    })
    .optional(),
  MARKET_MAKER_CHAINLINK_POLL_MS: int(100, 3_600_000).default(1_000),
  /** Window of the realized variance that widens the spread and scales the skew. */
  MARKET_MAKER_VOLATILITY_WINDOW_MS: int(1_000, 86_400_000).default(60_000),
  /** At this margin utilisation or above only the reducing side is quoted. */
  MARKET_MAKER_MAX_MARGIN_UTILIZATION: ratio().default(Decimal.parse('0.8')),
  /** Kill switch: equity below this halts the bot (unset: off). */
  MARKET_MAKER_EQUITY_FLOOR: decimalAtLeast('0').optional(),
  /** Kill switch: a loss of this much since the UTC day began halts the bot (unset: off). */
  MARKET_MAKER_MAX_DAILY_LOSS: decimalAtLeast('0', false).optional(),
  /** ... or when its remaining size differs by more than this share of the desired size. */
  MARKET_MAKER_REQUOTE_SIZE_TOLERANCE: decimalAtLeast('0').default(Decimal.parse('0.25')),
  /** ... or when it is older than this. */
  MARKET_MAKER_MAX_ORDER_AGE_MS: int(1_000, 86_400_000).default(300_000),
  /** Least time between two requotes of one symbol. */
  MARKET_MAKER_REQUOTE_COOLDOWN_MS: int(0, 60_000).default(100),
  /** After a fill, how long the symbol waits before quoting again. */
  MARKET_MAKER_FILL_DELAY_MS: int(0, 600_000).default(500),
  /** The bot's own order-request budget, kept below the gateway's limit for its account. */
  MARKET_MAKER_ORDERS_PER_SECOND: int(1, 100_000).default(15),
  MARKET_MAKER_ORDER_BURST: int(1, 100_000).default(15),
  /** How often equity and margin are read for the kill switch and the utilisation cap. */
  MARKET_MAKER_ACCOUNT_POLL_MS: int(100, 600_000).default(1_000),
  /** Computes and logs quotes; sends no order. */
  MARKET_MAKER_DRY_RUN: bool().default(false),
  /** Starts every client order id the bot makes; orders of its account without it are canceled. */
  MARKET_MAKER_CLIENT_ID_PREFIX: str()
    .regex(/^[A-Za-z0-9]{1,6}$/, 'must be 1 to 6 letters or digits')
    .default('mm'),

  REDIS_URL: url(['redis', 'rediss']),
  REDIS_KEY_PREFIX: str().default('perp:'),
  /** The singleton's lease: one active bot per name. */
  MARKET_MAKER_LEASE_NAME: str().default('market-maker'),
  /** A dead active bot's lease expires after this; a standby takes over within it and an interval. */
  MARKET_MAKER_LEASE_TTL_MS: int(1_000, 120_000).default(6_000),
  MARKET_MAKER_LEASE_INTERVAL_MS: int(100, 60_000).default(1_000),
  /** This replica's name in the lease; defaults to host and pid. */
  MARKET_MAKER_REPLICA_ID: str().optional(),

  LOG_LEVEL: oneOf(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
};

type Env = Readonly<Record<string, string | undefined>>;

const KNOB_OF_FIELD = {
  levels: 'MARKET_MAKER_LEVELS',
  minSpreadBps: 'MARKET_MAKER_MIN_SPREAD_BPS',
  levelSpacingTicks: 'MARKET_MAKER_LEVEL_SPACING_TICKS',
  baseSize: 'MARKET_MAKER_BASE_SIZE',
  sizeTaper: 'MARKET_MAKER_SIZE_TAPER',
  floatAmount: 'MARKET_MAKER_FLOAT_AMOUNT',
  activeRatio: 'MARKET_MAKER_ACTIVE_RATIO',
  riskAversion: 'MARKET_MAKER_RISK_AVERSION',
  horizonSeconds: 'MARKET_MAKER_HORIZON_SECONDS',
  inventoryTarget: 'MARKET_MAKER_INVENTORY_TARGET',
  maxPosition: 'MARKET_MAKER_MAX_POSITION',
} as const satisfies Record<QuoteParamField, keyof typeof SYMBOL_ENV>;
type Knob = keyof typeof SYMBOL_ENV;

/** The quote model's settings of one symbol, after its overrides. */
export type SymbolSettings = { readonly [K in Knob]: ReturnType<(typeof SYMBOL_ENV)[K]['parse']> };

/** `MARKET_MAKER_BASE_SIZE` for `ETH-PERP` is overridden by `MARKET_MAKER_BASE_SIZE_ETH_PERP`. */
export function symbolVariable(knob: string, symbol: string): string {
  return `${knob}_${symbol.replaceAll('-', '_').toUpperCase()}`;
}

export function loadMarketMakerConfig(env: Env = process.env) {
  const problems: string[] = [];
  const collect = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const base = collect(() => loadConfig(MARKET_MAKER_ENV, env));
  const defaults = collect(() => loadConfig(SYMBOL_ENV, env));
  const symbols = new Map<InstrumentSymbol, SymbolSettings>();
  for (const symbol of base?.MARKET_MAKER_SYMBOLS ?? []) {
    const schema = Object.fromEntries(
      // Without the default: an unset override falls back to the shared variable, not to the default.
      Object.entries(SYMBOL_ENV).map(([knob, parser]) => [
        symbolVariable(knob, symbol),
        parser.unwrap().optional(),
      ]),
    );
    const overrides = collect(() => loadConfig(schema, env));
    if (!overrides || !defaults) continue;
    const settings = Object.fromEntries(
      Object.keys(SYMBOL_ENV).map((knob) => [
        knob,
        overrides[symbolVariable(knob, symbol)] ?? defaults[knob as Knob],
      ]),
    ) as SymbolSettings;
    // The model's own rules across knobs (a target inside the position limit…), named by variable.
    for (const problem of validateQuoteParams(quoteParamsOf(settings))) {
      const knob = KNOB_OF_FIELD[problem.field];
      const variable =
        overrides[symbolVariable(knob, symbol)] === undefined ? knob : symbolVariable(knob, symbol);
      problems.push(`${variable} ${problem.reason} (for ${symbol})`);
    }
    symbols.set(symbol, settings);
  }
  if (base?.MARKET_MAKER_REFERENCE.includes('chainlink')) {
    if (!base.MARKET_MAKER_CHAINLINK_RPC_URL)
      problems.push(
        'MARKET_MAKER_CHAINLINK_RPC_URL is missing (MARKET_MAKER_REFERENCE uses chainlink)',
      );
    if (!base.MARKET_MAKER_CHAINLINK_FEEDS)
      problems.push(
        'MARKET_MAKER_CHAINLINK_FEEDS is missing (MARKET_MAKER_REFERENCE uses chainlink)',
      );
  }
  if (base) problems.push(...credentialProblems(base));
  if (problems.length > 0 || !base) throw new ConfigError(problems);
  return Object.freeze({ ...base, symbols });
}

export type MarketMakerConfig = ReturnType<typeof loadMarketMakerConfig>;

const CLIENT_CREDENTIALS = [
  'MARKET_MAKER_TOKEN_URL',
  'MARKET_MAKER_CLIENT_ID',
  'MARKET_MAKER_CLIENT_SECRET',
] as const;

/** One way to authenticate: a fixed token, or all three client-credentials variables. */
function credentialProblems(
  base: Readonly<
    Partial<Record<(typeof CLIENT_CREDENTIALS)[number] | 'MARKET_MAKER_TOKEN', string>>
  >,
): string[] {
  const given = CLIENT_CREDENTIALS.filter((name) => base[name] !== undefined);
  if (base.MARKET_MAKER_TOKEN !== undefined)
    return given.length === 0
      ? []
      : [
          `MARKET_MAKER_TOKEN and ${given.join(', ')} do not go together: set one way to authenticate`,
        ];
  if (given.length === 0)
    return [
      `MARKET_MAKER_TOKEN is missing (or set ${CLIENT_CREDENTIALS.join(', ')} for client-credentials tokens)`,
    ];
  return CLIENT_CREDENTIALS.filter((name) => base[name] === undefined).map(
    (name) =>
      `${name} is missing (client-credentials tokens need ${CLIENT_CREDENTIALS.join(', ')})`,
  );
}

/** For `main.ts`: the config, or what is wrong on stderr and exit code 78 (EX_CONFIG). */
export function readMarketMakerConfig(env: Env = process.env): MarketMakerConfig {
  return configOrExit(() => loadMarketMakerConfig(env));
}

/** The quote model's parameters of one symbol. */
export function quoteParamsOf(settings: SymbolSettings): QuoteParams {
  return {
    levels: settings.MARKET_MAKER_LEVELS,
    minSpreadBps: settings.MARKET_MAKER_MIN_SPREAD_BPS,
    levelSpacingTicks: settings.MARKET_MAKER_LEVEL_SPACING_TICKS,
    baseSize: settings.MARKET_MAKER_BASE_SIZE,
    sizeTaper: settings.MARKET_MAKER_SIZE_TAPER,
    floatAmount: settings.MARKET_MAKER_FLOAT_AMOUNT,
    activeRatio: settings.MARKET_MAKER_ACTIVE_RATIO,
    riskAversion: settings.MARKET_MAKER_RISK_AVERSION,
    horizonSeconds: settings.MARKET_MAKER_HORIZON_SECONDS,
    inventoryTarget: settings.MARKET_MAKER_INVENTORY_TARGET,
    maxPosition: settings.MARKET_MAKER_MAX_POSITION,
  };
}
