import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Decimal } from '@perp/decimal';
import type { AccountId, InstrumentSymbol, OrderId } from '@perp/trading-domain';
import {
  VenueRequestError,
  VenueUnavailableError,
  type VenueOrderRef,
  type VenueOrderRequest,
} from '../index.ts';
import { SimVenueClient } from './sim-venue-client.ts';

// Real HTTP servers that misbehave on purpose: the client's error mapping against the wire.
// The happy paths against the real sim-venue are tested in apps/sim-venue.

const btc = 'BTC-PERP' as InstrumentSymbol;
/** Test ids, some deliberately outside the grammar (the client must still escape them). */
const venueRef = (accountId: string, orderId: string): VenueOrderRef => ({
  accountId: accountId as AccountId,
  orderId: orderId as OrderId,
  symbol: btc,
});

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
});

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function answer(status: number, body: string): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
  };
}

const order: VenueOrderRequest = {
  ...venueRef('acc-1', 'ord-1'),
  side: 'buy',
  type: 'limit',
  timeInForce: 'gtc',
  price: Decimal.parse('60000'),
  quantity: Decimal.parse('0.01'),
  postOnly: false,
  reduceOnly: false,
};

describe('SimVenueClient error mapping', () => {
  it('a closed port is VenueUnavailableError (retryable)', async () => {
    const url = await serve(answer(202, '{}'));
    const server = servers.pop() as Server;
    await new Promise((resolve) => server.close(resolve));
    const client = new SimVenueClient({ baseUrl: url });
    const error = await client.placeOrder(order).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueUnavailableError);
    expect(error).toMatchObject({ code: 'VENUE_UNAVAILABLE', retryable: true });
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('a 4xx is VenueRequestError with the venue code (terminal)', async () => {
    const url = await serve(answer(400, '{"code":"INVALID_REQUEST","message":"orderId: bad"}'));
    const error = await new SimVenueClient({ baseUrl: url }).placeOrder(order).catch((e) => e);
    expect(error).toBeInstanceOf(VenueRequestError);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', retryable: false });
  });

  it('a 4xx without a body still is VenueRequestError, coded by its status', async () => {
    const url = await serve(answer(403, ''));
    await expect(
      new SimVenueClient({ baseUrl: url }).cancelOrder({ ...order, symbol: btc }),
    ).rejects.toMatchObject({ name: 'VenueRequestError', code: 'HTTP_403' });
  });

  it('a 5xx is VenueUnavailableError', async () => {
    const url = await serve(answer(503, '{"code":"INTERNAL","message":"down"}'));
    await expect(new SimVenueClient({ baseUrl: url }).market(btc)).rejects.toBeInstanceOf(
      VenueUnavailableError,
    );
  });

  it('a server slower than the timeout is VenueUnavailableError', async () => {
    const url = await serve((_request, response) => {
      setTimeout(() => response.end('{}'), 1_000).unref();
    });
    const started = Date.now();
    const error = await new SimVenueClient({ baseUrl: url, timeoutMs: 100 })
      .placeOrder(order)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueUnavailableError);
    expect((error as Error).message).toContain('no answer within 100 ms');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('a body that stalls past the timeout is VenueUnavailableError too', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"symbol":');
    });
    await expect(
      new SimVenueClient({ baseUrl: url, timeoutMs: 100 }).market(btc),
    ).rejects.toBeInstanceOf(VenueUnavailableError);
  });

  it('an answer that is not the protocol is VenueUnavailableError (outcome unknown)', async () => {
    const url = await serve(answer(200, '<html>'));
    await expect(new SimVenueClient({ baseUrl: url }).market(btc)).rejects.toBeInstanceOf(
      VenueUnavailableError,
    );
    const wrongShape = await serve(answer(200, '{"symbol":"BTC-PERP"}'));
    await expect(new SimVenueClient({ baseUrl: wrongShape }).market(btc)).rejects.toBeInstanceOf(
      VenueUnavailableError,
    );
  });

  it('getOrder: 404 UNKNOWN_ORDER is "no such order", any other 404 a refusal', async () => {
    const unknown = await serve(answer(404, '{"code":"UNKNOWN_ORDER","message":"no"}'));
    const ref = venueRef('acc-1', 'ord-1');
    expect(await new SimVenueClient({ baseUrl: unknown }).getOrder(ref)).toBeUndefined();
    const noRoute = await serve(answer(404, '{"code":"NOT_FOUND","message":"no route"}'));
    await expect(new SimVenueClient({ baseUrl: noRoute }).getOrder(ref)).rejects.toMatchObject({
      name: 'VenueRequestError',
      code: 'NOT_FOUND',
    });
  });

  it('sends what the sim-venue protocol expects', async () => {
    const seen: { method: string; url: string; body: string }[] = [];
    const url = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ method: request.method ?? '', url: request.url ?? '', body });
        const status = request.method === 'POST' ? 'received' : 'cancel_requested';
        response.writeHead(202, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ accountId: 'acc-1', orderId: 'ord-1', status }));
      });
    });
    const client = new SimVenueClient({ baseUrl: `${url}/` });
    expect(client.venue).toBe('sim');
    await client.placeOrder(order);
    await client.cancelOrder(venueRef('acc-1', 'ord-1'));
    // Path segments are escaped; no receipt can name such ids, so the answer is unexpected.
    await expect(client.cancelOrder(venueRef('acc 1', 'o/1'))).rejects.toBeInstanceOf(
      VenueUnavailableError,
    );
    expect(seen).toEqual([
      { method: 'POST', url: '/v1/orders', body: JSON.stringify(order) },
      { method: 'DELETE', url: '/v1/orders/acc-1/ord-1?symbol=BTC-PERP', body: '' },
      { method: 'DELETE', url: '/v1/orders/acc%201/o%2F1?symbol=BTC-PERP', body: '' },
    ]);
  });
});

describe('SimVenueClient immediate answers', () => {
  const ref = venueRef('acc-1', 'ord-1');
  const ids = { accountId: 'acc-1', orderId: 'ord-1' };

  /** A venue answering 202 with `receipt` (JSON-encoded unless a string). */
  async function receiving(receipt: unknown): Promise<SimVenueClient> {
    const body = typeof receipt === 'string' ? receipt : JSON.stringify(receipt);
    return new SimVenueClient({ baseUrl: await serve(answer(202, body)) });
  }

  it('place: accepted carries the venue order id and time', async () => {
    const client = await receiving({ ...ids, status: 'accepted', venueOrderId: 'j-O7', ts: 1_000 });
    expect(await client.placeOrder(order)).toEqual({
      outcome: 'accepted',
      venueOrderId: 'j-O7',
      ts: 1_000,
    });
  });

  it('place: rejected maps the reason as the stream does, the venue reason verbatim', async () => {
    const crossing = await receiving({
      ...ids,
      status: 'rejected',
      reason: 'POST_ONLY_WOULD_CROSS',
      ts: 2_000,
    });
    expect(await crossing.placeOrder(order)).toEqual({
      outcome: 'rejected',
      reason: 'VENUE_POST_ONLY_WOULD_CROSS',
      venueMessage: 'POST_ONLY_WOULD_CROSS',
      ts: 2_000,
    });
    const tick = await receiving({ ...ids, status: 'rejected', reason: 'TICK_SIZE', ts: 2_001 });
    expect(await tick.placeOrder(order)).toEqual({
      outcome: 'rejected',
      reason: 'VENUE_REJECTED',
      venueMessage: 'TICK_SIZE',
      ts: 2_001,
    });
  });

  it('place: received (a repeat of an order the venue has) is pending', async () => {
    const client = await receiving({ ...ids, status: 'received' });
    expect(await client.placeOrder(order)).toEqual({ outcome: 'pending' });
  });

  it('cancel: canceled carries the venue order id and time; cancel_requested is pending', async () => {
    const canceled = await receiving({
      ...ids,
      status: 'canceled',
      venueOrderId: 'j-O7',
      ts: 3_000,
    });
    expect(await canceled.cancelOrder(ref)).toEqual({
      outcome: 'canceled',
      venueOrderId: 'j-O7',
      ts: 3_000,
    });
    const requested = await receiving({ ...ids, status: 'cancel_requested' });
    expect(await requested.cancelOrder(ref)).toEqual({
      outcome: 'pending',
    });
  });

  it('a 202 that is no receipt of this request is VenueUnavailableError (outcome unknown)', async () => {
    const notReceipts: unknown[] = [
      '',
      '{}',
      { ...ids, status: 'accepted' },
      { ...ids, status: 'rejected', reason: 'SOMETHING_NEW', ts: 1 },
      { ...ids, status: 'filled' },
      // another order's receipt
      { ...ids, orderId: 'ord-2', status: 'received' },
      { ...ids, accountId: 'acc-2', status: 'received' },
      // a cancel's receipt to a place
      { ...ids, status: 'cancel_requested' },
    ];
    for (const body of notReceipts) {
      const client = await receiving(body);
      await expect(client.placeOrder(order), JSON.stringify(body)).rejects.toBeInstanceOf(
        VenueUnavailableError,
      );
    }
    // a place's receipt to a cancel
    const received = await receiving({ ...ids, status: 'received' });
    await expect(received.cancelOrder(ref)).rejects.toMatchObject({
      name: 'VenueUnavailableError',
      message: 'DELETE /v1/orders: unexpected answer',
    });
  });
});
