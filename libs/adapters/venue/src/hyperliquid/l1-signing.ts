// Hyperliquid's L1 action signing (orders, cancels, modifies): the action is msgpack-encoded in
// its own field order, followed by the nonce, the vault and the expiry; its keccak hash becomes
// the `connectionId` of a "phantom agent" that is signed as EIP-712 typed data. Any difference in
// field order, number encoding or address case changes the hash, and the venue then answers with
// an error naming a random address rather than "bad signature": the test vectors guard this.

import { encode } from '@msgpack/msgpack';
import { SigningKey, TypedDataEncoder, getBytes, keccak256, recoverAddress } from 'ethers';
import type { VenueNetwork } from '../description/venue-description.ts';

/** An action as the venue takes it; key order is significant (it is the msgpack field order). */
export type HyperliquidAction = { readonly type: string } & Readonly<Record<string, unknown>>;

export interface L1ActionToSign {
  readonly action: HyperliquidAction;
  /** Milliseconds, unique and increasing per signer (see `NonceClock`). */
  readonly nonce: number | bigint;
  /** Trading on behalf of a vault or sub-account: its address. */
  readonly vaultAddress?: string | undefined;
  /** Milliseconds after which the venue drops the action unexecuted. */
  readonly expiresAfter?: number | bigint | undefined;
}

/** As the venue's `signature` field takes it, and as the official Python SDK prints it. */
export interface HyperliquidSignature {
  readonly r: string;
  readonly s: string;
  readonly v: 27 | 28;
}

// The EIP-712 domain of L1 actions; chainId 1337 whatever the network (user-signed actions use
// another domain, which is why clients that share one domain for both sign orders wrongly).
const L1_DOMAIN = {
  name: 'Exchange',
  version: '1',
  chainId: 1337,
  verifyingContract: '0x0000000000000000000000000000000000000000',
} as const;
const AGENT_TYPES = {
  Agent: [
    { name: 'source', type: 'string' },
    { name: 'connectionId', type: 'bytes32' },
  ],
};

const U64_MAX = (1n << 64n) - 1n;

function u64(name: string, value: number | bigint): Uint8Array {
  const big = BigInt(value);
  if (big < 0n || big > U64_MAX) throw new RangeError(`${name} must fit in 64 unsigned bits`);
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, big);
  return bytes;
}

function addressBytes(address: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address))
    throw new TypeError('vaultAddress must be a 20-byte hex address');
  return getBytes(address.toLowerCase());
}

/**
 * Integers as the reference encoder (Python's msgpack) writes them: the smallest format that
 * holds them. The JS encoder has a trap here: with bigints enabled it writes safe integers beyond
 * 32 bits as float64, and every bigint as 64 bits. So integers within 32 bits go in as numbers
 * and larger ones as bigints (uint64, or int64 when negative), whichever type they came in.
 */
const I32_MIN = -(2 ** 31);
const U32_MAX = 2 ** 32 - 1;
function normalised(value: unknown): unknown {
  if (typeof value === 'bigint')
    return value >= BigInt(I32_MIN) && value <= BigInt(U32_MAX) ? Number(value) : value;
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    (value < I32_MIN || value > U32_MAX)
  ) {
    if (!Number.isSafeInteger(value))
      throw new RangeError(`${value} is beyond 2^53: pass integers that large as bigints`);
    return BigInt(value);
  }
  if (Array.isArray(value)) return value.map(normalised);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalised(v)]));
  return value;
}

/** The bytes whose keccak hash the phantom agent carries. */
export function l1ActionBytes(input: L1ActionToSign): Uint8Array {
  const parts: Uint8Array[] = [
    encode(normalised(input.action), { useBigInt64: true, ignoreUndefined: true }),
    u64('nonce', input.nonce),
  ];
  if (input.vaultAddress === undefined) parts.push(Uint8Array.of(0));
  else parts.push(Uint8Array.of(1), addressBytes(input.vaultAddress));
  if (input.expiresAfter !== undefined)
    parts.push(Uint8Array.of(0), u64('expiresAfter', input.expiresAfter));
  const bytes = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

export function l1ActionHash(input: L1ActionToSign): string {
  return keccak256(l1ActionBytes(input));
}

/** The phantom agent: source `a` on mainnet, `b` on testnet, so a testnet order cannot replay. */
export function phantomAgent(hash: string, network: VenueNetwork) {
  return { source: network === 'mainnet' ? 'a' : 'b', connectionId: hash } as const;
}

/** A 32-byte value as the SDK prints it: minimal hex, no leading zeros. */
const minimalHex = (hex: string): string => `0x${BigInt(hex).toString(16)}`;

/** The EIP-712 digest a signer signs for this action. */
export function l1SigningDigest(input: L1ActionToSign, network: VenueNetwork): string {
  return TypedDataEncoder.hash(L1_DOMAIN, AGENT_TYPES, phantomAgent(l1ActionHash(input), network));
}

/** Who signed an action: what the venue recovers, and answers with when it does not know it. */
export function recoverL1Signer(
  input: L1ActionToSign,
  signature: HyperliquidSignature,
  network: VenueNetwork,
): string {
  const pad = (hex: string) => `0x${hex.slice(2).padStart(64, '0')}`;
  return recoverAddress(l1SigningDigest(input, network), {
    r: pad(signature.r),
    s: pad(signature.s),
    v: signature.v,
  }).toLowerCase();
}

export function signL1Action(
  privateKey: string,
  input: L1ActionToSign,
  network: VenueNetwork,
): HyperliquidSignature {
  const signature = new SigningKey(privateKey).sign(l1SigningDigest(input, network));
  return { r: minimalHex(signature.r), s: minimalHex(signature.s), v: signature.v };
}
