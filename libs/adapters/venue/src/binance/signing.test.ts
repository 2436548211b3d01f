// The examples of Binance's own documentation (USDⓈ-M futures "SIGNED Endpoint Examples" and
// the spot REST API's HMAC examples), whose keys and signatures are published there.
import { describe, expect, it } from 'vitest';
import { binanceQuery, binanceSignature, signedBinanceQuery } from './signing.ts';

describe('binanceSignature', () => {
  it("signs the futures docs' example order", () => {
    const secret = '2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9';
    const query =
      'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943';
    expect(binanceSignature(secret, query)).toBe(
      '3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9',
    );
  });

  const SPOT_SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

  it("signs the spot docs' example, all in the query string", () => {
    expect(
      binanceSignature(
        SPOT_SECRET,
        'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559',
      ),
    ).toBe('c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71');
  });

  it('signs query and body concatenated with no separator, as the docs show', () => {
    const query = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC';
    const body = 'quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(binanceSignature(SPOT_SECRET, `${query}${body}`)).toBe(
      '0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77',
    );
  });
});

describe('signedBinanceQuery', () => {
  it('appends recvWindow, timestamp and the signature of everything before it', () => {
    const signed = signedBinanceQuery(
      '2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9',
      {
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        quantity: '1',
        price: '9000',
        timeInForce: 'GTC',
      },
      { timestamp: 1591702613943 },
    );
    expect(signed).toBe(
      'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943&signature=3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9',
    );
  });

  it('percent-encodes values and leaves out undefined ones', () => {
    expect(binanceQuery({ newClientOrderId: 'a b/c', reduceOnly: true, price: undefined })).toBe(
      'newClientOrderId=a%20b%2Fc&reduceOnly=true',
    );
  });
});
