import { makeError } from 'ethers';
import { describe, expect, it } from 'vitest';
import { describeRpcError, rpcHost } from './chainlink-rpc.ts';

const URL_WITH_KEY = 'https://eth-mainnet.g.alchemy.com/v2/sEcReTkEy?x=1';

describe('rpcHost', () => {
  it('keeps the host only: no path, query or credentials', () => {
    expect(rpcHost(URL_WITH_KEY)).toBe('eth-mainnet.g.alchemy.com');
    expect(rpcHost('https://user:pass@node.example:8545/key')).toBe('node.example:8545');
    expect(rpcHost('not a url')).toBe('<unparseable URL>');
  });
});

describe('describeRpcError', () => {
  it('gives ethers’ code and short message with the URL reduced to its host', () => {
    const error = makeError('server response 401', 'SERVER_ERROR', {
      request: URL_WITH_KEY,
      info: { requestUrl: URL_WITH_KEY },
    });
    expect(error.message).toContain('sEcReTkEy');
    expect(describeRpcError(error, URL_WITH_KEY)).toEqual({
      code: 'SERVER_ERROR',
      error: 'server response 401',
    });
  });

  it('removes the URL, or its secret part, from a plain message', () => {
    const described = describeRpcError(
      new Error(`fetch ${URL_WITH_KEY} failed; path /v2/sEcReTkEy?x=1`),
      URL_WITH_KEY,
    );
    expect(described).toEqual({
      error: 'fetch eth-mainnet.g.alchemy.com failed; path <redacted>',
    });
  });
});
