import { isIP } from 'node:net';

/** What of an upgrade request tells where it came from. */
export interface RequestOrigin {
  /** The TCP peer: the client itself, or the nearest proxy (the load balancer). */
  readonly remoteAddress: string | undefined;
  /** `X-Forwarded-For` as Node gives it (repeated headers joined with ", "). */
  readonly forwardedFor: string | string[] | undefined;
}

/** The key for a peer whose address the socket does not tell (it closed already). */
export const UNKNOWN_IP = 'unknown';

/**
 * The client's IP address. With `trustedHops` = 0 it is the TCP peer, and `X-Forwarded-For` is
 * ignored: anyone can send that header. Behind n trusted proxies (the AWS ALB is one), each of
 * which appends the address it was connected from, the client is the n-th address from the
 * right of `X-Forwarded-For`; entries further left were written by the client and prove nothing.
 * A header shorter than that (a proxy that does not append) gives its leftmost entry; an entry
 * that is not an IP address gives the TCP peer, so a client cannot choose its own key.
 */
export function clientIp(origin: RequestOrigin, trustedHops: number): string {
  const peer = normalize(origin.remoteAddress ?? '') ?? UNKNOWN_IP;
  if (trustedHops <= 0) return peer;
  const header = Array.isArray(origin.forwardedFor)
    ? origin.forwardedFor.join(',')
    : (origin.forwardedFor ?? '');
  const hops = header
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (hops.length === 0) return peer;
  const entry = hops[Math.max(0, hops.length - trustedHops)] ?? '';
  return normalize(entry) ?? peer;
}

/** One spelling per address: `::ffff:10.0.0.1` is `10.0.0.1`; brackets and ports dropped. */
function normalize(address: string): string | undefined {
  let candidate = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(candidate);
  if (bracketed?.[1] !== undefined) candidate = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(candidate)) candidate = candidate.split(':')[0] ?? '';
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(candidate);
  if (mapped?.[1] !== undefined) candidate = mapped[1];
  if (isIP(candidate) === 0) return undefined;
  return candidate.toLowerCase();
}
