import { createMetricsRegistry } from '@perp/http';
import { Counter, Gauge } from 'prom-client';
import type { SendFailureReason } from './delivery/send-failure.ts';

export type NotifierMetrics = ReturnType<typeof createNotifierMetrics>;

/** sent, failed by reason, outbox depth and the age of its oldest pending row, events read. */
export function createNotifierMetrics(
  outbox: () => Promise<{ pending: number; oldestPendingAgeMs: number }>,
) {
  const registry = createMetricsRegistry('notifier');
  const sent = new Counter({
    name: 'notifier_messages_sent_total',
    help: 'Messages Telegram accepted',
    registers: [registry],
  });
  const failed = new Counter({
    name: 'notifier_messages_failed_total',
    help: 'sendMessage failures by reason (rateLimited, chatGone, rejected, transient)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const events = new Counter({
    name: 'notifier_events_total',
    help: 'Events stream entries by outcome (notified, ignored, invalid)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const api = new Counter({
    name: 'notifier_api_notifications_total',
    help: 'POST /v1/notifications by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  // Both gauges come from one query per scrape (prom-client collects them concurrently).
  let last = { pending: 0, oldestPendingAgeMs: 0 };
  let reading: { at: number; value: Promise<typeof last> } | undefined;
  const sample = () => {
    if (!reading || Date.now() - reading.at > 250)
      reading = {
        at: Date.now(),
        value: outbox().then(
          (v) => (last = v),
          () => last,
        ),
      };
    return reading.value;
  };
  new Gauge({
    name: 'notifier_outbox_pending',
    help: 'Notifications waiting to be sent',
    registers: [registry],
    async collect() {
      this.set((await sample()).pending);
    },
  });
  new Gauge({
    name: 'notifier_outbox_oldest_pending_seconds',
    help: 'Age of the oldest pending notification',
    registers: [registry],
    async collect() {
      this.set((await sample()).oldestPendingAgeMs / 1000);
    },
  });
  return {
    registry,
    sender: {
      sent: () => sent.inc(),
      failed: (reason: SendFailureReason) => failed.inc({ reason }),
    },
    events: { event: (outcome: 'notified' | 'ignored' | 'invalid') => events.inc({ outcome }) },
    api: (outcome: 'queued' | 'duplicate' | 'invalid' | 'unauthorized') => api.inc({ outcome }),
  };
}
