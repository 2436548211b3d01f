import type { ConsumerObserver } from '@perp/sqs-adapter';
import { Counter, Histogram, type Registry } from 'prom-client';

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The OMS's queue work on /metrics: how long commands waited in the queue (from SQS's send
 * timestamp to their receive), how long each took to handle, and how full receives came back.
 */
export function consumerMetrics(registry: Registry): ConsumerObserver {
  const waited = new Histogram({
    name: 'oms_queue_wait_seconds',
    help: 'Time a command spent in the queue, from its send to its receive',
    buckets: SECONDS,
    registers: [registry],
  });
  const handled = new Histogram({
    name: 'oms_command_duration_seconds',
    help: 'Time to handle one command, by outcome (done, retry, poison)',
    labelNames: ['outcome'] as const,
    buckets: SECONDS,
    registers: [registry],
  });
  const batch = new Histogram({
    name: 'oms_receive_batch_size',
    help: 'Messages per receive (0: an empty long poll)',
    buckets: [0, 1, 2, 3, 5, 8, 10],
    registers: [registry],
  });
  return {
    received(messages, receivedAt) {
      batch.observe(messages.length);
      for (const message of messages)
        if (message.sentAt > 0) waited.observe(Math.max(0, receivedAt - message.sentAt) / 1000);
    },
    handled(_message, seconds, outcome) {
      handled.observe({ outcome }, seconds);
    },
  };
}

/** Orders the reconciliation sweep asked the venue about, by what it found (reconcile-order.ts). */
export function reconciliationMetrics(registry: Registry): (outcome: string) => void {
  const reconciled = new Counter({
    name: 'oms_reconciled_orders_total',
    help: 'Orders and fills reconciliation settled or reported, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  return (outcome) => reconciled.inc({ outcome });
}
