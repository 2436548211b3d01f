import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

export const DEFAULT_URL = 'ws://127.0.0.1:8080/v1/ws';
/** The local stack's sim-venue (its operator routes are not behind the gateway). */
export const DEFAULT_SIM_VENUE_URL = 'http://127.0.0.1:9100';
export const DEFAULT_CHANNELS = ['orders', 'fills', 'positions', 'account'] as const;

export const USAGE = `usage: npm run -s trade -- <command> [options]

commands:
  place       --symbol S --side buy|sell --type limit|market --quantity Q [--price P]
              [--tif gtc|ioc|fok] [--post-only] [--reduce-only] [--client-order-id X] [--wait]
  cancel      (--order-id X | --client-order-id X) --symbol S
  cancel-all  [--symbol S]
  open        [--symbol S]            open orders
  positions                           positions
  account                             balances and margin
  telegram-link                       a code that links a Telegram chat to the account
                                      (its deep link first; the code alone on the last line)
  sim-price   SYMBOL PRICE [--venue-url U]   moves the sim-venue's index (and mark) price, e.g.
              sim-price BTC-PERP 30000       for margin scenarios (env PERP_SIM_VENUE_URL;
                                             default ${DEFAULT_SIM_VENUE_URL}); no token needed
  watch       [--channels orders,fills,book.BTC-PERP,...] [--since N]
              notifications, one per line, until Ctrl-C

options (every command):
  --url U       gateway (env PERP_WS_URL; default ${DEFAULT_URL})
  --token T     access token (env PERP_TOKEN)
  --account A   without a token: mint one for account A with the local issuer (local stack only)
  --roles R     roles of that minted token (default trader)
  --json        raw JSON results (watch: one JSON document per line)
  -h, --help    this text

--wait waits for the OMS's first verdict (respType "result") instead of the queue's ack.
Decimals are passed and printed as given, e.g. --price 59000.5 --quantity 0.01.`;

/** A command line that cannot be followed: exit code 2 with the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface GlobalOptions {
  readonly url: string;
  readonly token: string | undefined;
  readonly account: string | undefined;
  readonly roles: string | undefined;
  readonly json: boolean;
}

export interface PlaceParams {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly type: 'limit' | 'market';
  readonly quantity: string;
  readonly price?: string;
  readonly timeInForce?: 'gtc' | 'ioc' | 'fok';
  readonly postOnly?: boolean;
  readonly reduceOnly?: boolean;
  readonly respType?: 'result';
}

export type Command =
  | { readonly name: 'help' }
  | { readonly name: 'place'; readonly params: PlaceParams }
  | {
      readonly name: 'cancel';
      readonly params: { orderId?: string; clientOrderId?: string; symbol: string };
    }
  | { readonly name: 'cancel-all'; readonly params: { symbol?: string } }
  | { readonly name: 'open'; readonly params: { symbol?: string } }
  | { readonly name: 'positions' }
  | { readonly name: 'account' }
  | { readonly name: 'telegram-link' }
  | {
      readonly name: 'sim-price';
      readonly symbol: string;
      readonly price: string;
      readonly venueUrl: string;
    }
  | {
      readonly name: 'watch';
      readonly channels: readonly string[];
      readonly since: number | undefined;
    };

export interface Invocation {
  readonly command: Command;
  readonly options: GlobalOptions;
}

const OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  account: { type: 'string' },
  roles: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  symbol: { type: 'string' },
  side: { type: 'string' },
  type: { type: 'string' },
  price: { type: 'string' },
  quantity: { type: 'string' },
  tif: { type: 'string' },
  'post-only': { type: 'boolean' },
  'reduce-only': { type: 'boolean' },
  'client-order-id': { type: 'string' },
  'order-id': { type: 'string' },
  wait: { type: 'boolean' },
  channels: { type: 'string' },
  since: { type: 'string' },
  'venue-url': { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;
type Values = {
  [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean;
};

const GLOBAL: readonly OptionName[] = ['url', 'token', 'account', 'roles', 'json', 'help'];
const COMMAND_OPTIONS: Record<Exclude<Command['name'], 'help'>, readonly OptionName[]> = {
  place: [
    'symbol',
    'side',
    'type',
    'price',
    'quantity',
    'tif',
    'post-only',
    'reduce-only',
    'client-order-id',
    'wait',
  ],
  cancel: ['order-id', 'client-order-id', 'symbol'],
  'cancel-all': ['symbol'],
  open: ['symbol'],
  positions: [],
  account: [],
  'telegram-link': [],
  'sim-price': ['venue-url'],
  watch: ['channels', 'since'],
};

function isCommandName(name: string): name is keyof typeof COMMAND_OPTIONS {
  return Object.hasOwn(COMMAND_OPTIONS, name);
}

function required(values: Values, name: 'symbol' | 'side' | 'type' | 'quantity'): string {
  const value = values[name];
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function oneOf<const T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

/** A fresh clientOrderId: `cli-` and 16 hex digits (the contract allows 1 to 36 [A-Za-z0-9_-]). */
export function newClientOrderId(): string {
  return `cli-${randomBytes(8).toString('hex')}`;
}

function placeParams(values: Values): PlaceParams {
  const symbol = required(values, 'symbol');
  const side = oneOf('side', required(values, 'side'), ['buy', 'sell']);
  const type = oneOf('type', required(values, 'type'), ['limit', 'market']);
  // Decimals go to the gateway as typed; it checks them (and answers -32602 if malformed).
  const quantity = required(values, 'quantity');
  if (type === 'limit' && values.price === undefined)
    throw new UsageError('--price is required for a limit order');
  if (type === 'market' && values.price !== undefined)
    throw new UsageError('--price is not allowed for a market order');
  return {
    clientOrderId: values['client-order-id'] ?? newClientOrderId(),
    symbol,
    side,
    type,
    quantity,
    ...(values.price === undefined ? {} : { price: values.price }),
    ...(values.tif === undefined
      ? {}
      : { timeInForce: oneOf('tif', values.tif, ['gtc', 'ioc', 'fok']) }),
    ...(values['post-only'] ? { postOnly: true } : {}),
    ...(values['reduce-only'] ? { reduceOnly: true } : {}),
    ...(values.wait ? { respType: 'result' as const } : {}),
  };
}

function command(name: keyof typeof COMMAND_OPTIONS, values: Values): Command {
  switch (name) {
    case 'place':
      return { name, params: placeParams(values) };
    case 'cancel': {
      const orderId = values['order-id'];
      const clientOrderId = values['client-order-id'];
      if ((orderId === undefined) === (clientOrderId === undefined))
        throw new UsageError('cancel needs exactly one of --order-id and --client-order-id');
      return {
        name,
        params: {
          ...(orderId === undefined ? {} : { orderId }),
          ...(clientOrderId === undefined ? {} : { clientOrderId }),
          symbol: required(values, 'symbol'),
        },
      };
    }
    case 'cancel-all':
    case 'open':
      return { name, params: values.symbol === undefined ? {} : { symbol: values.symbol } };
    case 'positions':
    case 'account':
    case 'telegram-link':
      return { name };
    case 'sim-price':
      throw new UsageError('sim-price takes a symbol and a price');
    case 'watch': {
      const channels = (values.channels ?? DEFAULT_CHANNELS.join(','))
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== '');
      if (channels.length === 0) throw new UsageError('--channels needs at least one channel');
      let since: number | undefined;
      if (values.since !== undefined) {
        if (!/^\d+$/.test(values.since))
          throw new UsageError(`--since must be a sequence number, not "${values.since}"`);
        since = Number(values.since);
      }
      return { name, channels, since };
    }
  }
}

/**
 * The command line (`process.argv.slice(2)`) and the environment, checked. Options may come
 * before or after the command; an option of another command is a usage error.
 */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Invocation {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const options: GlobalOptions = {
    url: values.url ?? env['PERP_WS_URL'] ?? DEFAULT_URL,
    token: values.token ?? (env['PERP_TOKEN'] || undefined),
    account: values.account,
    roles: values.roles,
    json: values.json ?? false,
  };
  const [name, ...extra] = positionals;
  if (values.help || name === 'help') return { command: { name: 'help' }, options };
  if (name === undefined) throw new UsageError('no command given');
  if (!isCommandName(name)) throw new UsageError(`unknown command "${name}"`);
  if (name === 'sim-price') {
    const [symbol, price, ...more] = extra;
    if (symbol === undefined || price === undefined)
      throw new UsageError('sim-price needs a symbol and a price: sim-price BTC-PERP 30000');
    if (more.length > 0) throw new UsageError(`unexpected argument "${more[0]}"`);
    if (!/^\d+(\.\d+)?$/.test(price))
      throw new UsageError(`the price must be a decimal such as 30000, not "${price}"`);
    for (const option of Object.keys(values) as OptionName[])
      if (!['venue-url', 'json', 'help'].includes(option))
        throw new UsageError(`--${option} is not an option of sim-price`);
    const venueUrl = values['venue-url'] ?? env['PERP_SIM_VENUE_URL'] ?? DEFAULT_SIM_VENUE_URL;
    return { command: { name, symbol, price, venueUrl }, options };
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  for (const option of Object.keys(values) as OptionName[]) {
    if (!GLOBAL.includes(option) && !COMMAND_OPTIONS[name].includes(option))
      throw new UsageError(`--${option} is not an option of ${name}`);
  }
  if (values.token !== undefined && values.account !== undefined)
    throw new UsageError('give --token or --account, not both');
  if (values.roles !== undefined && values.account === undefined)
    throw new UsageError('--roles goes with --account');
  return { command: command(name, values), options };
}
