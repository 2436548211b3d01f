// One classification of every venue error, declared per venue as data (ccxt's `exceptions`
// tables, with a third class ccxt lacks): a request either was definitively refused, may be
// repeated as is, or had an outcome nobody knows yet. An unknown outcome is never guessed: the
// order stays in flight until reconciliation asks the venue by client order id.

import type { VenueRejectReason } from '@perp/trading-domain';

export const VenueErrorClasses = [
  // The venue refused the request and did nothing: the order is rejected (or the cancel refused).
  'rejected',
  // Nothing was done and doing it again may work (rate limit, overload, clock skew).
  'retryable',
  // The request may or may not have taken effect (timeout inside the venue, a 5xx after sending).
  'unknown_outcome',
] as const;
export type VenueErrorClass = (typeof VenueErrorClasses)[number];

/** What a venue answered, reduced to what rules match on. */
export interface VenueFailure {
  /** The HTTP status, when the answer came over HTTP (absent for an error inside a 200). */
  readonly httpStatus?: number | undefined;
  /** The venue's own error code (`-2010`, `insufficient_balance`), as text. */
  readonly code?: string | undefined;
  /** The venue's own message, verbatim. */
  readonly message: string;
}

/** One line of a venue's error table; the first rule that matches decides. */
export interface VenueErrorRule {
  /** A stable name for logs and metrics: `binance.-1007`, `hyperliquid.insufficient-margin`. */
  readonly name: string;
  readonly httpStatus?: number | readonly number[];
  readonly code?: string | readonly string[];
  /** Tested against the message (venues such as Hyperliquid only have messages). */
  readonly message?: RegExp;
  readonly class: VenueErrorClass;
  /** For `rejected`: the domain's reason (default VENUE_REJECTED). */
  readonly reason?: VenueRejectReason;
  /**
   * For `rejected`: the venue refused our credentials, not the order (a revoked or rotated key):
   * the credentials are read again and the request made once more (nothing was done).
   */
  readonly credentials?: true;
}

export interface VenueErrorVerdict {
  readonly class: VenueErrorClass;
  /** The reject reason to report; meaningful for `rejected` only. */
  readonly reason: VenueRejectReason;
  /** The rule that decided, or `default.<class>` when none matched. */
  readonly rule: string;
  /** The venue refused our credentials (see VenueErrorRule.credentials). */
  readonly credentials: boolean;
}

const listOf = <T>(value: T | readonly T[] | undefined): readonly T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? (value as readonly T[]) : [value as T];

function matches(rule: VenueErrorRule, failure: VenueFailure): boolean {
  const statuses = listOf(rule.httpStatus);
  if (statuses && (failure.httpStatus === undefined || !statuses.includes(failure.httpStatus)))
    return false;
  const codes = listOf(rule.code);
  if (codes && (failure.code === undefined || !codes.includes(failure.code))) return false;
  if (rule.message && !rule.message.test(failure.message)) return false;
  return statuses !== undefined || codes !== undefined || rule.message !== undefined;
}

/**
 * Classifies a failure by the venue's rules. Without a matching rule: an error inside a 2xx or
 * a 4xx is the venue's verdict on the request (rejected); a 5xx or no answer at all is an unknown
 * outcome (the request may have reached something that then failed).
 */
export function classifyVenueError(
  rules: readonly VenueErrorRule[],
  failure: VenueFailure,
): VenueErrorVerdict {
  for (const rule of rules)
    if (matches(rule, failure))
      return {
        class: rule.class,
        reason: rule.reason ?? 'VENUE_REJECTED',
        rule: rule.name,
        credentials: rule.credentials === true,
      };
  const status = failure.httpStatus;
  const fallback: VenueErrorClass =
    status !== undefined && status >= 200 && status < 500 ? 'rejected' : 'unknown_outcome';
  return {
    class: fallback,
    reason: 'VENUE_REJECTED',
    rule: `default.${fallback}`,
    credentials: false,
  };
}
