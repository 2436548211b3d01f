// One HTTP exchange with a venue, its transport failures split by what they mean for the
// request: refused before a byte was sent (nothing happened: retryable), or sent and then no
// answer (a timeout, a dropped connection: the request may have been executed).

import { VenueUnavailableError } from '../venue-errors.ts';

export interface VenueHttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** The request was sent, but no answer came back: it may or may not have been executed. */
export class VenueNoAnswer extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VenueNoAnswer';
  }
}

export interface VenueHttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
}

/** `what` names the call in messages (`hyperliquid /exchange`, `binance POST /fapi/v1/order`). */
export async function venueHttp(what: string, request: VenueHttpRequest): Promise<VenueHttpAnswer> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      ...(request.headers ? { headers: request.headers } : {}),
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'ECONNREFUSED')
      throw new VenueUnavailableError(`${what}: connection refused`, { cause: error });
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new VenueNoAnswer(
      `${what}: ${timedOut ? `no answer within ${request.timeoutMs} ms` : 'the connection ended without an answer'}`,
      { cause: error },
    );
  }
}
