import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What an operator watches: quoting activity, inventory and PnL, the reference, the lease. */
export function createMarketMakerMetrics(registry: Registry) {
  const registers = [registry];
  return {
    quotesPlaced: new Counter({
      name: 'mm_quotes_placed_total',
      help: 'Quote orders sent (order.place answered with an ack)',
      labelNames: ['symbol', 'side'] as const,
      registers,
    }),
    quotesCanceled: new Counter({
      name: 'mm_quotes_canceled_total',
      help: 'Cancels sent for quote orders',
      labelNames: ['symbol'] as const,
      registers,
    }),
    fills: new Counter({
      name: 'mm_fills_total',
      help: 'Fills of quote orders',
      labelNames: ['symbol'] as const,
      registers,
    }),
    requestErrors: new Counter({
      name: 'mm_order_request_errors_total',
      help: 'Order requests answered with an error, by JSON-RPC code (10003: rate limited)',
      labelNames: ['code'] as const,
      registers,
    }),
    denied: new Counter({
      name: 'mm_quotes_denied_total',
      help: 'Quote orders denied or rejected by the platform, by reason',
      labelNames: ['symbol', 'reason'] as const,
      registers,
    }),
    inventory: new Gauge({
      name: 'mm_inventory',
      help: 'Signed position in the base asset',
      labelNames: ['symbol'] as const,
      registers,
    }),
    pnl: new Gauge({
      name: 'mm_pnl',
      help: 'Realized and unrealized PnL of the position, in the collateral currency',
      labelNames: ['symbol', 'kind'] as const,
      registers,
    }),
    equity: new Gauge({ name: 'mm_equity', help: 'Account equity', registers }),
    marginUtilization: new Gauge({
      name: 'mm_margin_utilization',
      help: 'Maintenance margin over equity',
      registers,
    }),
    referenceAge: new Gauge({
      name: 'mm_reference_age_seconds',
      help: 'Age of the reference price when last judged',
      labelNames: ['symbol'] as const,
      registers,
    }),
    restingOrders: new Gauge({
      name: 'mm_resting_orders',
      help: 'Quote orders the bot believes are on the book',
      labelNames: ['symbol'] as const,
      registers,
    }),
    requoteLatency: new Histogram({
      name: 'mm_requote_latency_seconds',
      help: 'From a reference change to every request of the requote answered',
      labelNames: ['symbol'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    leaseActive: new Gauge({
      name: 'mm_lease_active',
      help: '1 while this replica holds the singleton lease (active), 0 as standby',
      registers,
    }),
    leaseFencingToken: new Gauge({
      name: 'mm_lease_fencing_token',
      help: 'The fencing token of the lease held (0 as standby)',
      registers,
    }),
    halted: new Gauge({
      name: 'mm_halted',
      help: '1 while the kill switch holds the bot',
      registers,
    }),
  };
}

export type MarketMakerMetrics = ReturnType<typeof createMarketMakerMetrics>;
