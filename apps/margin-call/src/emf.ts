import type { MarginCallSummary } from './run-summary.ts';

/** The CloudWatch namespace the infra app's alarms read. */
export const METRIC_NAMESPACE = 'Perp/MarginCall';

const COUNTS = [
  'scanned',
  'atRisk',
  'warned',
  'warningsPending',
  'called',
  'ordersCanceled',
  'reduceOrders',
  'skipped',
  'errors',
] as const;

/**
 * The run's figures in CloudWatch's embedded metric format: one JSON log line that CloudWatch
 * Logs turns into metrics (dimension Mode), no API call and no agent.
 */
export function embeddedMetrics(summary: MarginCallSummary): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: summary.startedAt,
      CloudWatchMetrics: [
        {
          Namespace: METRIC_NAMESPACE,
          Dimensions: [['Mode']],
          Metrics: [
            ...COUNTS.map((name) => ({ Name: name, Unit: 'Count' })),
            { Name: 'durationMs', Unit: 'Milliseconds' },
          ],
        },
      ],
    },
    Mode: summary.mode,
    runId: summary.runId,
    ...Object.fromEntries(COUNTS.map((name) => [name, summary[name]])),
    durationMs: summary.durationMs,
  };
}
