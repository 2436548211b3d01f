import { parseArgs } from 'node:util';
import { parseRouteCommand, type RouteCommand } from './route-args.ts';
import { UsageError } from './usage-error.ts';
import type { VenueAccountOptions } from './venue-account.ts';

export { UsageError };

export const USAGE = `usage: npm run -s venue -- <command> [options]

commands:
  sign hyperliquid --private-key 0x… --nonce N --action '<json>' [--vault 0x…]
                   [--expires-after N] [--testnet]
        the L1 signature of the action exactly as given (its JSON key order is the msgpack
        field order; integers beyond 2^53 are kept exact), as {"r":"0x…","s":"0x…","v":27|28}
  sign binance --secret S --payload '<query string and body>'
        the hex HMAC-SHA256 signature
  sign lnmarkets --secret S --timestamp T --method M --path P [--data D]
        the base64 signature (v3: data is the JSON body, or the query string with its '?')
  check hyperliquid|binance|lnmarkets [--account NAME] [--env ENV] [--keys-file PATH]
                   [--url URL] [--testnet]
        reads the venue account's credentials (Secrets Manager perp/ENV/venue-keys/<venue>/NAME
        with --env, else the keys file (default .local/venue-keys.json) or VENUE_KEYS_<VENUE>_<NAME>)
        and verifies them against the venue with read-only calls (Hyperliquid: the API wallet is
        an agent of the configured master; Binance: a signed read; LN Markets: signed reads of
        the open orders and the cross position); exit 0 when they work, 1 when not (account
        default: main)
  positions hyperliquid|binance|lnmarkets [account options as for check]
        the venue account's positions as the venue reports them, one line each (LN Markets:
        quantities in USD contracts)
  cancel-all hyperliquid|binance|lnmarkets --yes [--symbol BTC-PERP]
                   [account options as for check]
        the kill switch: cancels every order the venue account works (also those the platform
        did not place), of one symbol with --symbol
  (account options: --symbols BTC-PERP,ETH-PERP are the platform symbols mapped, the default;
   LN Markets trades BTC-PERP only)
  routes
        where each instrument's new orders go: the routes set in the config table, one line
        each; every other instrument goes to sim/default
  route SYMBOL VENUE/ACCOUNT
        routes a listed instrument's new orders to a venue account (VENUE: sim, hyperliquid or
        binance-usdm for a linear instrument, lnmarkets for an inverse one); orders already placed
        keep theirs. The OMS must trade that account (VENUE_ACCOUNTS), or it rejects the orders
  route SYMBOL --default
        removes the instrument's route: its new orders go to sim/default again
  (routes: the OMS reads them every 5 s. The config table is found by AWS_REGION,
   DYNAMODB_ENDPOINT and RESOURCE_PREFIX, as the platform's processes find it; the local stack's
   is DYNAMODB_ENDPOINT=http://127.0.0.1:8000)

Secrets may come from the environment instead of the command line (which shells keep in their
history): HYPERLIQUID_PRIVATE_KEY, BINANCE_API_SECRET, LNM_API_SECRET.

options:
  -h, --help    this text`;

export type Command =
  | { readonly name: 'help' }
  | RouteCommand
  | {
      readonly name: 'sign-hyperliquid';
      readonly privateKey: string;
      readonly nonce: bigint;
      readonly action: string;
      readonly vaultAddress: string | undefined;
      readonly expiresAfter: bigint | undefined;
      readonly testnet: boolean;
    }
  | { readonly name: 'sign-binance'; readonly secret: string; readonly payload: string }
  | ({ readonly name: 'check' } & VenueAccountOptions)
  | ({ readonly name: 'positions' } & VenueAccountOptions)
  | ({
      readonly name: 'cancel-all';
      /** Only this symbol's orders; every order of the account when undefined. */
      readonly symbol: string | undefined;
    } & VenueAccountOptions)
  | {
      readonly name: 'sign-lnmarkets';
      readonly secret: string;
      readonly timestamp: number;
      readonly method: string;
      readonly path: string;
      readonly data: string;
    };

const OPTIONS = {
  'private-key': { type: 'string' },
  nonce: { type: 'string' },
  action: { type: 'string' },
  vault: { type: 'string' },
  'expires-after': { type: 'string' },
  testnet: { type: 'boolean' },
  secret: { type: 'string' },
  payload: { type: 'string' },
  timestamp: { type: 'string' },
  method: { type: 'string' },
  path: { type: 'string' },
  data: { type: 'string' },
  account: { type: 'string' },
  env: { type: 'string' },
  'keys-file': { type: 'string' },
  url: { type: 'string' },
  symbols: { type: 'string' },
  symbol: { type: 'string' },
  yes: { type: 'boolean' },
  default: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

function required(values: Values, name: keyof Values & string): string {
  const value = values[name] as string | undefined;
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function unsigned(name: string, text: string | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,20}$/.test(text)) throw new UsageError(`--${name} must be a non-negative integer`);
  return BigInt(text);
}

export function parseCommandLine(argv: readonly string[], env = process.env): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { name: 'help' };
  const [verb, venue, ...rest] = positionals;
  if (verb === 'routes' || verb === 'route')
    return parseRouteCommand(positionals, values.default ?? false);
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
  if (verb === 'check') return { name: 'check', ...accountOptions(verb, venue, values) };
  if (verb === 'positions') return { name: 'positions', ...accountOptions(verb, venue, values) };
  if (verb === 'cancel-all') {
    const options = accountOptions(verb, venue, values);
    if (!values.yes)
      throw new UsageError(
        'cancel-all cancels every order the venue account works, also those the platform did not place: add --yes',
      );
    const symbol = values.symbol;
    if (symbol !== undefined && !/^[A-Z0-9]{1,20}-PERP$/.test(symbol))
      throw new UsageError('--symbol must be a platform symbol such as BTC-PERP');
    return { name: 'cancel-all', symbol, ...options };
  }
  if (verb !== 'sign') throw new UsageError(`unknown command '${verb}'`);
  const withEnv = (name: keyof Values & string, envName: string) => {
    const value = (values[name] as string | undefined) ?? env[envName];
    if (value === undefined || value === '')
      throw new UsageError(`--${name} is required (or ${envName})`);
    return value;
  };
  switch (venue) {
    case 'hyperliquid': {
      const privateKey = withEnv('private-key', 'HYPERLIQUID_PRIVATE_KEY');
      // Named, never echoed: a malformed key is still a secret.
      if (!/^0x[0-9a-fA-F]{64}$/.test(privateKey))
        throw new UsageError('--private-key must be 0x followed by 64 hex digits');
      const vault = values.vault;
      if (vault !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(vault))
        throw new UsageError('--vault must be a 20-byte hex address (0x and 40 hex digits)');
      return {
        name: 'sign-hyperliquid',
        privateKey,
        nonce: unsigned('nonce', required(values, 'nonce')) ?? 0n,
        action: required(values, 'action'),
        vaultAddress: vault,
        expiresAfter: unsigned('expires-after', values['expires-after']),
        testnet: values.testnet ?? false,
      };
    }
    case 'binance':
      return {
        name: 'sign-binance',
        secret: withEnv('secret', 'BINANCE_API_SECRET'),
        payload: required(values, 'payload'),
      };
    case 'lnmarkets': {
      const timestamp = unsigned('timestamp', required(values, 'timestamp')) ?? 0n;
      const method = required(values, 'method');
      if (!/^(get|post|put|delete)$/i.test(method))
        throw new UsageError('--method must be GET, POST, PUT or DELETE');
      const path = required(values, 'path');
      if (!path.startsWith('/'))
        throw new UsageError("--path must start with '/' (e.g. /v3/account)");
      return {
        name: 'sign-lnmarkets',
        secret: withEnv('secret', 'LNM_API_SECRET'),
        timestamp: Number(timestamp),
        method,
        path,
        data: values.data ?? '',
      };
    }
    case undefined:
      throw new UsageError('sign needs a venue: hyperliquid, binance or lnmarkets');
    default:
      throw new UsageError(`unknown venue '${venue}' (hyperliquid, binance or lnmarkets)`);
  }
}

const NAME = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

const SYMBOL = /^[A-Z0-9]{1,20}-PERP$/;

/** The venue account a command names, and how to reach it. */
function accountOptions(
  verb: string,
  venue: string | undefined,
  values: Values,
): VenueAccountOptions {
  if (venue !== 'hyperliquid' && venue !== 'binance' && venue !== 'lnmarkets')
    throw new UsageError(
      venue === undefined
        ? `${verb} needs a venue: hyperliquid, binance or lnmarkets`
        : `unknown venue '${venue}' (hyperliquid, binance or lnmarkets)`,
    );
  const account = values.account ?? 'main';
  if (!NAME.test(account))
    throw new UsageError('--account must be lower-case letters, digits and inner dashes');
  const environment = values.env;
  if (environment !== undefined && !NAME.test(environment))
    throw new UsageError(
      '--env must be lower-case letters, digits and inner dashes (dev, stg, prod)',
    );
  const url = values.url;
  if (url !== undefined && !/^https?:\/\/[^\s]+$/.test(url))
    throw new UsageError('--url must be an http(s) URL');
  const symbols = (values.symbols ?? 'BTC-PERP,ETH-PERP').split(',');
  if (!symbols.every((s) => SYMBOL.test(s)))
    throw new UsageError(
      '--symbols must be platform symbols separated by commas (BTC-PERP,ETH-PERP)',
    );
  return {
    venue,
    account,
    environment,
    keysFile: values['keys-file'] ?? '.local/venue-keys.json',
    url,
    testnet: values.testnet ?? false,
    symbols,
  };
}
