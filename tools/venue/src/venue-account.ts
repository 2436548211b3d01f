// A venue account as the operator names it on the command line: its credentials read from
// Secrets Manager (with --env), the keys file or the environment, and a client built with them
// for the platform's symbols (`BTC-PERP` is Hyperliquid's `BTC`, Binance's `BTCUSDT` and LN
// Markets' one pair, `btc_usd`).

import {
  BinanceClient,
  HyperliquidClient,
  LN_MARKETS_PAIR,
  LnMarketsClient,
  standardCredentialStore,
  type CredentialedVenue,
  type HyperliquidCredentials,
} from '@perp/venue-adapter';

export type CliVenue = 'hyperliquid' | 'binance' | 'lnmarkets';

export const VENUE_NAMES = {
  hyperliquid: 'hyperliquid',
  binance: 'binance-usdm',
  lnmarkets: 'lnmarkets',
} as const satisfies Record<CliVenue, CredentialedVenue>;

export interface VenueAccountOptions {
  readonly venue: CliVenue;
  readonly account: string;
  readonly environment: string | undefined;
  readonly keysFile: string;
  readonly url: string | undefined;
  readonly testnet: boolean;
  /** The platform's symbols to map (`<BASE>-PERP`). */
  readonly symbols: readonly string[];
}

export type OpenedVenueAccount =
  | {
      readonly venue: 'hyperliquid';
      readonly source: string;
      readonly client: HyperliquidClient;
      readonly credentials: HyperliquidCredentials;
    }
  | { readonly venue: 'binance-usdm'; readonly source: string; readonly client: BinanceClient }
  | { readonly venue: 'lnmarkets'; readonly source: string; readonly client: LnMarketsClient };

const base = (symbol: string) => symbol.replace(/-PERP$/, '');

/** LN Markets trades BTC/USD only: the client wants exactly that one symbol mapped. */
const LN_MARKETS_SYMBOL = 'BTC-PERP';

/** The account's credentials (throws their error if missing or malformed) and its client. */
export async function openVenueAccount(
  options: VenueAccountOptions,
  env: NodeJS.ProcessEnv,
): Promise<OpenedVenueAccount & { close(): void }> {
  const { store, close } = standardCredentialStore({
    environment: options.environment,
    keysFile: options.keysFile,
    env,
  });
  try {
    const common = {
      ...(options.url ? { url: options.url } : {}),
      network: options.testnet ? ('testnet' as const) : ('mainnet' as const),
      timeoutMs: 10_000,
    };
    switch (VENUE_NAMES[options.venue]) {
      case 'hyperliquid': {
        const { credentials, source } = await store.get({
          venue: 'hyperliquid',
          account: options.account,
        });
        const revealed = credentials.reveal();
        const coins = Object.fromEntries(options.symbols.map((s) => [s, base(s)]));
        const client = new HyperliquidClient({ ...common, ...revealed, coins });
        return { venue: 'hyperliquid', source, client, credentials: revealed, close };
      }
      case 'binance-usdm': {
        const { credentials, source } = await store.get({
          venue: 'binance-usdm',
          account: options.account,
        });
        const symbols = Object.fromEntries(options.symbols.map((s) => [s, `${base(s)}USDT`]));
        const client = new BinanceClient({ ...common, ...credentials.reveal(), symbols });
        return { venue: 'binance-usdm', source, client, close };
      }
      case 'lnmarkets': {
        if (!options.symbols.includes(LN_MARKETS_SYMBOL))
          throw new Error(
            `lnmarkets trades one pair, ${LN_MARKETS_PAIR}, which is ${LN_MARKETS_SYMBOL}: --symbols must include it`,
          );
        const { credentials, source } = await store.get({
          venue: 'lnmarkets',
          account: options.account,
        });
        const client = new LnMarketsClient({
          ...common,
          credentials: credentials.reveal(),
          symbols: { [LN_MARKETS_SYMBOL]: LN_MARKETS_PAIR },
        });
        return { venue: 'lnmarkets', source, client, close };
      }
    }
  } catch (error) {
    close();
    throw error;
  }
}
