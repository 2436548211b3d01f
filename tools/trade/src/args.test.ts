import { describe, expect, it } from 'vitest';
import { DEFAULT_URL, parseCommandLine, UsageError } from './args.ts';

describe('parseCommandLine', () => {
  it('reads a limit order, decimals as typed', () => {
    const { command, options } = parseCommandLine(
      [
        ...['place', '--symbol', 'BTC-PERP', '--side', 'buy', '--type', 'limit'],
        ...['--price', '59000.50', '--quantity', '0.010', '--tif', 'ioc', '--reduce-only'],
        ...['--client-order-id', 'my-1', '--wait', '--json'],
      ],
      {},
    );
    expect(command).toEqual({
      name: 'place',
      params: {
        clientOrderId: 'my-1',
        symbol: 'BTC-PERP',
        side: 'buy',
        type: 'limit',
        price: '59000.50',
        quantity: '0.010',
        timeInForce: 'ioc',
        reduceOnly: true,
        respType: 'result',
      },
    });
    expect(options).toEqual({
      url: DEFAULT_URL,
      token: undefined,
      account: undefined,
      roles: undefined,
      json: true,
    });
  });

  it('generates a clientOrderId the contract accepts', () => {
    const { command } = parseCommandLine(
      ['place', '--symbol', 'X', '--side', 'sell', '--type', 'market', '--quantity', '1'],
      {},
    );
    expect(command.name === 'place' && command.params.clientOrderId).toMatch(
      /^[A-Za-z0-9_-]{1,36}$/,
    );
  });

  it('takes the URL and token from the environment unless given', () => {
    const env = { PERP_WS_URL: 'ws://gw/v1/ws', PERP_TOKEN: 'abc' };
    expect(parseCommandLine(['account'], env).options).toMatchObject({
      url: 'ws://gw/v1/ws',
      token: 'abc',
    });
    expect(
      parseCommandLine(['account', '--url', 'ws://x/v1/ws', '--token', 't'], env).options,
    ).toMatchObject({ url: 'ws://x/v1/ws', token: 't' });
  });

  it('telegram-link takes no options of its own', () => {
    expect(parseCommandLine(['telegram-link', '--account', 'alice'], {}).command).toEqual({
      name: 'telegram-link',
    });
    expect(() => parseCommandLine(['telegram-link', '--symbol', 'BTC-PERP'], {})).toThrow();
  });

  it('sim-price takes a symbol and a price, and the venue from --venue-url or the environment', () => {
    expect(parseCommandLine(['sim-price', 'BTC-PERP', '30000'], {}).command).toEqual({
      name: 'sim-price',
      symbol: 'BTC-PERP',
      price: '30000',
      venueUrl: 'http://127.0.0.1:9100',
    });
    const env = { PERP_SIM_VENUE_URL: 'http://venue:9100' };
    expect(parseCommandLine(['sim-price', 'ETH-PERP', '2500.5'], env).command).toMatchObject({
      venueUrl: 'http://venue:9100',
    });
    expect(
      parseCommandLine(['sim-price', 'ETH-PERP', '1', '--venue-url', 'http://v:1'], env).command,
    ).toMatchObject({ venueUrl: 'http://v:1' });
    for (const argv of [
      ['sim-price'],
      ['sim-price', 'BTC-PERP'],
      ['sim-price', 'BTC-PERP', 'abc'],
      ['sim-price', 'BTC-PERP', '-5'],
      ['sim-price', 'BTC-PERP', '1', 'extra'],
      ['sim-price', 'BTC-PERP', '1', '--symbol', 'X'],
    ])
      expect(() => parseCommandLine(argv, {}), argv.join(' ')).toThrow(UsageError);
  });

  it('reads watch channels and since', () => {
    expect(
      parseCommandLine(['watch', '--channels', 'orders, book.BTC-PERP', '--since', '7'], {})
        .command,
    ).toEqual({ name: 'watch', channels: ['orders', 'book.BTC-PERP'], since: 7 });
    expect(parseCommandLine(['watch'], {}).command).toEqual({
      name: 'watch',
      channels: ['orders', 'fills', 'positions', 'account'],
      since: undefined,
    });
  });

  it.each([
    [[], /no command/],
    [['nope'], /unknown command "nope"/],
    [['open', 'extra'], /unexpected argument "extra"/],
    [['open', '--price', '1'], /--price is not an option of open/],
    [['open', '--bogus'], /Unknown option '--bogus'/],
    [
      ['place', '--symbol', 'X', '--side', 'buy', '--type', 'limit', '--quantity', '1'],
      /--price is required/,
    ],
    [
      ['place', '--symbol', 'X', '--side', 'up', '--type', 'limit', '--quantity', '1'],
      /--side must be one of buy, sell/,
    ],
    [
      [
        'place',
        '--symbol',
        'X',
        '--side',
        'buy',
        '--type',
        'market',
        '--quantity',
        '1',
        '--price',
        '1',
      ],
      /not allowed for a market/,
    ],
    [['cancel', '--symbol', 'X'], /exactly one of --order-id and --client-order-id/],
    [['cancel', '--order-id', 'a', '--client-order-id', 'b', '--symbol', 'X'], /exactly one/],
    [['cancel', '--order-id', 'a'], /--symbol is required/],
    [['watch', '--since', '1.5'], /--since must be a sequence number/],
    [['account', '--token', 't', '--account', 'a'], /not both/],
    [['account', '--roles', 'viewer'], /--roles goes with --account/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCommandLine(argv, {})).toThrow(UsageError);
    expect(() => parseCommandLine(argv, {})).toThrow(message);
  });
});
