// The platform's SQS queues, declared once: the apps, tests, the local launcher and the CDK stacks
// all read these, so names and settings cannot disagree.

export interface QueueDefinition {
  /** Base name; environments and tests prepend a prefix. FIFO names end in `.fifo`. */
  readonly name: string;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly visibilityTimeoutSeconds: number;
  readonly receiveWaitTimeSeconds: number;
  readonly retentionSeconds: number;
  readonly deadLetter?: {
    readonly name: string;
    readonly maxReceiveCount: number;
    readonly retentionSeconds: number;
  };
}

export const QUEUES = {
  /**
   * Every state change of an account: trader commands, admin and system commands, venue events.
   * One message group per account keeps each account's stream in order. Deduplication ids are
   * explicit (derived from account and client order id), so content-based deduplication is off.
   */
  orders: {
    name: 'orders.fifo',
    fifo: true,
    contentBasedDeduplication: false,
    visibilityTimeoutSeconds: 30,
    receiveWaitTimeSeconds: 20,
    retentionSeconds: 4 * 24 * 3600,
    // 20 receives: the consumer moves poison to the DLQ itself at once, so the redrive policy only
    // catches commands that crash the process or keep failing retryably. With the consumer's
    // backoff (1, 2, 4 … 20 s between receives) 20 receives outlast about 6 minutes of a
    // dependency being down; at 5, the chaos suite saw valid orders dead-lettered by three 10 s
    // DynamoDB outages in a row.
    deadLetter: { name: 'orders-dlq.fifo', maxReceiveCount: 20, retentionSeconds: 14 * 24 * 3600 },
  },
} as const satisfies Record<string, QueueDefinition>;

export type QueueKey = keyof typeof QUEUES;

export function queueName(baseName: string, prefix = ''): string {
  return `${prefix}${baseName}`;
}

/** SQS attributes for CreateQueue, minus the redrive policy (which needs the DLQ's ARN). */
export function queueAttributes(definition: QueueDefinition): Record<string, string> {
  return {
    VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
    ReceiveMessageWaitTimeSeconds: String(definition.receiveWaitTimeSeconds),
    MessageRetentionPeriod: String(definition.retentionSeconds),
    ...(definition.fifo
      ? {
          FifoQueue: 'true',
          ContentBasedDeduplication: String(definition.contentBasedDeduplication),
        }
      : {}),
  };
}

export function deadLetterAttributes(definition: QueueDefinition): Record<string, string> {
  if (!definition.deadLetter) return {};
  return {
    MessageRetentionPeriod: String(definition.deadLetter.retentionSeconds),
    ...(definition.fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'false' } : {}),
  };
}

export function redrivePolicy(deadLetterArn: string, maxReceiveCount: number): string {
  return JSON.stringify({ deadLetterTargetArn: deadLetterArn, maxReceiveCount });
}
