import { VenueRequestError, VenueUnavailableError } from '../venue-errors.ts';

export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface JsonRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
  readonly timeoutMs: number;
}

/**
 * One HTTP round trip with a deadline that covers the body too. Anything that leaves the outcome
 * unknown (no connection, timeout, 5xx, a body that is no JSON) is a VenueUnavailableError: the
 * request may or may not have arrived, and repeating it is safe because the venue is idempotent.
 */
export async function requestJson(request: JsonRequest): Promise<JsonResponse> {
  const target = `${request.method} ${new URL(request.url).pathname}`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: request.method,
      signal: AbortSignal.timeout(request.timeoutMs),
      ...(request.body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.body) }),
    });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new VenueUnavailableError(
      timedOut
        ? `${target}: no answer within ${request.timeoutMs} ms`
        : `${target}: ${describeNetworkError(error)}`,
      { cause: error },
    );
  }
  if (response.status >= 500) {
    throw new VenueUnavailableError(`${target}: the venue answered ${response.status}`);
  }
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch (error) {
    throw new VenueUnavailableError(`${target}: answer ${response.status} is not JSON`, {
      cause: error,
    });
  }
  return { status: response.status, body };
}

/** The venue's own refusal of a 4xx: its `{ code, message }` when it sent one. */
export function requestError(target: string, response: JsonResponse): VenueRequestError {
  const body = response.body as { code?: unknown; message?: unknown } | undefined;
  const code = typeof body?.code === 'string' ? body.code : `HTTP_${response.status}`;
  const message = typeof body?.message === 'string' ? body.message : 'refused';
  return new VenueRequestError(code, `${target}: ${response.status} ${message}`);
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch wraps the socket error ("ECONNREFUSED …") in a TypeError("fetch failed").
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
