import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface GatewayMetrics {
  readonly connections: Gauge;
  readonly messages: Counter<'method'>;
  readonly errors: Counter<'code'>;
  readonly requestSeconds: Histogram<'method'>;
  readonly sqsSendSeconds: Histogram<'type' | 'outcome'>;
}

export function createGatewayMetrics(registry: Registry): GatewayMetrics {
  return {
    connections: new Gauge({
      name: 'gateway_connections',
      help: 'Open WebSocket connections',
      registers: [registry],
    }),
    messages: new Counter({
      name: 'gateway_messages_total',
      help: 'Requests received, by method ("invalid": not a request, "unknown": no such method, "rate_limited": over the connection budget)',
      labelNames: ['method'],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'gateway_errors_total',
      help: 'JSON-RPC error answers, by code',
      labelNames: ['code'],
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: 'gateway_request_seconds',
      help: 'Time from a request to its answer, by method',
      labelNames: ['method'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    sqsSendSeconds: new Histogram({
      name: 'gateway_sqs_send_seconds',
      help: 'SendMessage to orders.fifo, by command type and outcome',
      labelNames: ['type', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}
