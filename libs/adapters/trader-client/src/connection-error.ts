/**
 * The gateway could not be reached, or the socket closed or went silent under a request. The
 * request's outcome is unknown: an `order.place` sent again with the same clientOrderId is placed
 * once (ws-api.md), so it is safe to retry.
 */
export class ConnectionError extends Error {
  readonly retryable = true as const;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConnectionError';
  }
}

/** The gateway answered the upgrade with HTTP `status` instead of a socket (401, 429, 503...). */
export class UpgradeRefused extends ConnectionError {
  readonly status: number;
  readonly body: string;

  constructor(url: string, status: number, body: string) {
    super(`cannot connect to ${url}: ${refusalReason(status)}`);
    this.name = 'UpgradeRefused';
    this.status = status;
    this.body = body;
  }
}

function refusalReason(status: number): string {
  switch (status) {
    case 401:
      return 'the token was not accepted (HTTP 401)';
    case 429:
      return 'too many connections for this account (HTTP 429)';
    case 503:
      return 'the gateway is shutting down (HTTP 503)';
    default:
      return `HTTP ${status}`;
  }
}

/** A socket error as a sentence that names the URL and, for the usual ones, the likely cause. */
export function describeSocketError(url: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `cannot connect to ${url}: connection refused (is the gateway running? npm start)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot connect to ${url}: unknown host`;
    case 'ETIMEDOUT':
      return `cannot connect to ${url}: timed out`;
    default:
      return `cannot connect to ${url}: ${error.message}`;
  }
}
