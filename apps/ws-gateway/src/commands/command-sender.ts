import {
  deduplicationIdOf,
  messageGroupIdOf,
  parseCommandEnvelope,
  type CommandEnvelope,
} from '@perp/contracts';
import type { FifoQueueProducer } from '@perp/sqs-adapter';
import type { CommandId } from '@perp/trading-domain';
import type { GatewayMetrics } from '../metrics.ts';

/** Envelope fields the gateway fills in itself; the rest comes from the method. */
export interface EnvelopeStamp {
  readonly commandId: CommandId;
  readonly traceId: string;
  readonly receivedAt: number;
}

/**
 * Builds a queue command through the shared contract (so the gateway cannot queue what the OMS
 * would refuse to parse) and sends it to orders.fifo: group = the account, deduplication id per
 * contract. Resolves only once SQS has accepted it; a QueueSendError means nothing was queued.
 */
export class CommandSender {
  readonly #producer: FifoQueueProducer;
  readonly #metrics: GatewayMetrics;

  constructor(options: { producer: FifoQueueProducer; metrics: GatewayMetrics }) {
    this.#producer = options.producer;
    this.#metrics = options.metrics;
  }

  build(stamp: EnvelopeStamp, fields: Record<string, unknown>): CommandEnvelope {
    return parseCommandEnvelope({ version: 1, ...stamp, ...fields });
  }

  async send(command: CommandEnvelope): Promise<void> {
    const stop = this.#metrics.sqsSendSeconds.startTimer({ type: command.type });
    try {
      await this.#producer.send({
        body: JSON.stringify(command),
        groupId: messageGroupIdOf(command),
        deduplicationId: deduplicationIdOf(command),
      });
      stop({ outcome: 'ok' });
    } catch (error) {
      stop({ outcome: 'error' });
      throw error;
    }
  }
}
