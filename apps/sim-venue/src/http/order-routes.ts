import { SimCancelQuery, SimFillsQuery, SimOrderPath, SimOrderRequest } from '@perp/venue-adapter';
import type { FastifyInstance } from 'fastify';
import type { SimVenue } from '../sim-venue.ts';
import { describeIssues, sendError } from './errors.ts';

/**
 * POST /v1/orders, DELETE and GET /v1/orders/:accountId/:orderId, and for reconciliation GET
 * /v1/orders/:accountId/:orderId/fills (an order's fills), GET /v1/fills?since=&limit= (every
 * account's fills from a time on) and GET /v1/open-orders (every order still working). A request that names its order
 * is answered 202, its body the immediate outcome where there is one (`SimOrderReceipt`: accepted
 * or rejected, canceled; else received or cancel_requested), and the stream still carries every
 * event, these included; only a request too malformed to name an order (or of the wrong JSON
 * types) is a 400.
 */
export function registerOrderRoutes(app: FastifyInstance, venue: SimVenue): void {
  app.post('/v1/orders', async (request, reply) => {
    const parsed = SimOrderRequest.safeParse(request.body);
    if (!parsed.success) {
      return sendError(reply, 400, 'INVALID_REQUEST', describeIssues(parsed.error));
    }
    return reply.code(202).send(venue.placeOrder(parsed.data));
  });

  app.delete('/v1/orders/:accountId/:orderId', async (request, reply) => {
    const path = SimOrderPath.safeParse(request.params);
    const query = SimCancelQuery.safeParse(request.query);
    if (!path.success) return sendError(reply, 400, 'INVALID_REQUEST', describeIssues(path.error));
    if (!query.success) {
      return sendError(reply, 400, 'INVALID_REQUEST', describeIssues(query.error));
    }
    const { accountId, orderId } = path.data;
    return reply.code(202).send(venue.cancelOrder(accountId, orderId, query.data.symbol ?? null));
  });

  app.get('/v1/open-orders', async () => ({ orders: venue.openOrders() }));

  app.get('/v1/fills', async (request, reply) => {
    const query = SimFillsQuery.safeParse(request.query);
    if (!query.success) {
      return sendError(reply, 400, 'INVALID_REQUEST', describeIssues(query.error));
    }
    return { fills: venue.fillsSince(query.data.since, query.data.limit) };
  });

  app.get('/v1/orders/:accountId/:orderId/fills', async (request, reply) => {
    const path = SimOrderPath.safeParse(request.params);
    if (!path.success) return sendError(reply, 400, 'INVALID_REQUEST', describeIssues(path.error));
    const fills = venue.orderFills(path.data.accountId, path.data.orderId);
    if (fills === undefined) {
      return sendError(reply, 404, 'UNKNOWN_ORDER', 'the venue has no such order');
    }
    return { fills };
  });

  app.get('/v1/orders/:accountId/:orderId', async (request, reply) => {
    const path = SimOrderPath.safeParse(request.params);
    if (!path.success) return sendError(reply, 400, 'INVALID_REQUEST', describeIssues(path.error));
    const order = venue.order(path.data.accountId, path.data.orderId);
    if (order === undefined) {
      return sendError(reply, 404, 'UNKNOWN_ORDER', 'the venue has no such order');
    }
    return order;
  });
}
