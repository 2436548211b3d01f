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
