// Exact comparison of wire decimals for invariants checked at the contract boundary
// (quantity = filledQuantity + remainingQuantity). Inputs are already validated decimal strings;
// BigInt keeps it exact without depending on the domain decimal library (contracts import only zod).

function scaled(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const digits = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -digits : digits;
}

function fractionDigits(value: string): number {
  const dot = value.indexOf('.');
  return dot === -1 ? 0 : value.length - dot - 1;
}

/** True when `a + b` equals `total` exactly. */
export function decimalSumEquals(a: string, b: string, total: string): boolean {
  const scale = Math.max(fractionDigits(a), fractionDigits(b), fractionDigits(total));
  return scaled(a, scale) + scaled(b, scale) === scaled(total, scale);
}
