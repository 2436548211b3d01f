import type { JWK } from 'jose';

// The public members of each key type (RFC 7518 §6.2.1, §6.3.1). Picking what may be published,
// instead of deleting what may not, keeps a private member we did not think of out of the JWKS.
const PUBLIC_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  EC: ['kty', 'crv', 'x', 'y'],
  RSA: ['kty', 'n', 'e'],
};

/** The publishable half of a signing key, with its `kid`, `alg` and `use`. */
export function publicJwkOf(key: JWK): JWK {
  const members = PUBLIC_MEMBERS[key.kty ?? ''];
  if (!members) throw new Error(`unsupported key type ${String(key.kty)}`);
  const jwk: Record<string, unknown> = {};
  for (const member of members) jwk[member] = key[member as keyof JWK];
  return { ...jwk, kid: key.kid, alg: key.alg, use: 'sig' } as JWK;
}
