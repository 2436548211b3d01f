import type { SimOrderRequestBody } from '@perp/venue-adapter';

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

export async function call(
  baseUrl: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<HttpAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : {
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** A GTC limit order request; override what the test is about. */
export function limitOrder(overrides: Partial<SimOrderRequestBody> = {}): SimOrderRequestBody {
  return {
    accountId: 'acc-1',
    orderId: 'ord-1',
    symbol: 'BTC-PERP',
    side: 'buy',
    type: 'limit',
    timeInForce: 'gtc',
    price: '60000',
    quantity: '0.01',
    postOnly: false,
    reduceOnly: false,
    ...overrides,
  };
}

export function place(baseUrl: string, order: SimOrderRequestBody): Promise<HttpAnswer> {
  return call(baseUrl, 'POST', '/v1/orders', order);
}

export function cancel(
  baseUrl: string,
  accountId: string,
  orderId: string,
  symbol?: string,
): Promise<HttpAnswer> {
  const query = symbol === undefined ? '' : `?symbol=${symbol}`;
  return call(baseUrl, 'DELETE', `/v1/orders/${accountId}/${orderId}${query}`);
}
