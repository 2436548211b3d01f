import { FetchRequest, JsonRpcProvider, type Network } from 'ethers';

/**
 * The RPC URL's host, the only part of it fit for a log: node providers (Alchemy, Infura, …) put
 * the API key in the path or the query string.
 */
export function rpcHost(rpcUrl: string): string {
  try {
    return new URL(rpcUrl).host || '<no host>';
  } catch {
    return '<unparseable URL>';
  }
}

/**
 * An error as a log may show it: ethers' code and short message, with every copy of the RPC URL
 * (ethers puts `requestUrl` in its messages) replaced by its host. Never the error object itself:
 * its message, `info` and `request` carry the URL whole.
 */
export function describeRpcError(
  error: unknown,
  rpcUrl: string | undefined,
): { code?: string; error: string } {
  const code =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
      ? error.code
      : undefined;
  const short =
    typeof error === 'object' && error !== null && 'shortMessage' in error
      ? String(error.shortMessage)
      : error instanceof Error
        ? error.message
        : String(error);
  const text = rpcUrl === undefined ? short : hideUrl(short, rpcUrl);
  return code === undefined ? { error: text } : { code, error: text };
}

function hideUrl(text: string, rpcUrl: string): string {
  const host = rpcHost(rpcUrl);
  let result = text.split(rpcUrl).join(host);
  if (!URL.canParse(rpcUrl)) return result;
  const url = new URL(rpcUrl);
  result = result.split(url.href).join(host);
  // The secret-bearing parts on their own, wherever a message quotes them.
  for (const part of [`${url.pathname}${url.search}`, url.search, url.password, url.username])
    if (part.length > 1) result = result.split(part).join('<redacted>');
  return result;
}

export interface RpcProviderOptions {
  readonly rpcUrl: string;
  /** Per request; ethers' own default is five minutes, far beyond any poll interval. */
  readonly timeoutMs: number;
}

/**
 * An HTTP JSON-RPC provider for polling `eth_call`. ethers' JsonRpcProvider, until it knows the
 * chain id, retries `eth_chainId` every second forever (printing to the console) and holds every
 * call meanwhile; so the chain id is asked once here (rejecting if the node does not answer) and
 * the provider is built with it as a static network. The response cache is off: a poll must see
 * the chain, not ethers' 250 ms cache of the previous poll.
 */
export async function connectRpc(options: RpcProviderOptions): Promise<JsonRpcProvider> {
  const { protocol } = new URL(options.rpcUrl);
  if (protocol !== 'http:' && protocol !== 'https:')
    throw new Error(`the Chainlink RPC URL must be http(s), not ${protocol}`);
  const request = new FetchRequest(options.rpcUrl);
  request.timeout = options.timeoutMs;
  const probe = new JsonRpcProvider(request, undefined, { staticNetwork: true });
  let network: Network;
  try {
    network = await probe.getNetwork();
  } finally {
    probe.destroy();
  }
  return new JsonRpcProvider(request, network, { staticNetwork: network, cacheTimeout: -1 });
}
