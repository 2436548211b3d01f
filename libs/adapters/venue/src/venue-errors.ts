import type { Retryable } from '@perp/retry';

/** The venue did not answer in time or failed; the request may or may not have arrived. */
export class VenueUnavailableError extends Error implements Retryable {
  readonly code = 'VENUE_UNAVAILABLE';
  readonly retryable = true;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VenueUnavailableError';
  }
}

/** The venue refused the request itself (malformed, unknown symbol); repeating it cannot help. */
export class VenueRequestError extends Error {
  readonly code: string;
  readonly retryable = false;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VenueRequestError';
    this.code = code;
  }
}

/**
 * The venue may or may not have done what was asked (a timeout inside the venue, "unknown
 * error"): neither retried blindly nor taken as a failure. The order stays in flight until
 * reconciliation asks the venue by client order id.
 */
export class VenueOutcomeUnknownError extends Error {
  readonly code = 'VENUE_OUTCOME_UNKNOWN';
  readonly retryable = false;
  /** The venue's error-table rule that decided, for logs and metrics. */
  readonly rule: string;
  constructor(rule: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VenueOutcomeUnknownError';
    this.rule = rule;
  }
}

/**
 * The venue refused our credentials (an unknown API wallet, an invalid or revoked key): nothing
 * was done. Retryable once the credentials are read again (a rotation); until then the venue is
 * as good as unavailable to this account.
 */
export class VenueCredentialsRefusedError extends Error implements Retryable {
  readonly code = 'VENUE_CREDENTIALS_REFUSED';
  readonly retryable = true;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VenueCredentialsRefusedError';
  }
}

/**
 * A venue account cannot be traded: no source holds its credentials (VENUE_CREDENTIALS_MISSING),
 * they are malformed (VENUE_CREDENTIALS_INVALID; the message names the field, never the value),
 * or the process has no client for the venue account a route names (VENUE_ACCOUNT_UNCONFIGURED).
 * Terminal until an operator fixes the secret or the configuration.
 */
export class VenueCredentialsError extends Error {
  readonly code:
    'VENUE_CREDENTIALS_MISSING' | 'VENUE_CREDENTIALS_INVALID' | 'VENUE_ACCOUNT_UNCONFIGURED';
  readonly retryable = false;
  constructor(code: VenueCredentialsError['code'], message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VenueCredentialsError';
    this.code = code;
  }
}

/** The credentials' source could not be read (Secrets Manager throttled or unreachable). */
export class VenueCredentialsUnavailableError extends Error implements Retryable {
  readonly code = 'VENUE_CREDENTIALS_UNAVAILABLE';
  readonly retryable = true;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VenueCredentialsUnavailableError';
  }
}
