// LN Markets charges its trading fee in sats (its inverse contracts settle in BTC), but the
// platform books every fee in the account's USD collateral (VenueFill.fee is in the quote
// asset). So a fill's fee is the venue's sats converted at that fill's own price.

import { Decimal, Rounding } from '@perp/decimal';

const SATS_PER_BTC = Decimal.fromInt(100_000_000);

/**
 * `sats x 10^-8 x price` in USD, exact to the 18th digit and rounded toward +infinity there
 * (one rounding), so a fee is never understated; a rebate (negative) keeps its sign.
 */
export function feeInUsd(sats: Decimal, price: Decimal): Decimal {
  return sats.mulDiv(price, SATS_PER_BTC, Rounding.Ceil);
}
