import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Retryable } from '@perp/retry';

export interface OutgoingMessage {
  readonly body: string;
  readonly groupId: string;
  readonly deduplicationId: string;
}

/** Sending failed; nothing is known to be queued, so the caller may safely retry. */
export class QueueSendError extends Error implements Retryable {
  readonly code = 'QUEUE_UNAVAILABLE';
  readonly retryable = true;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'QueueSendError';
  }
}

export class FifoQueueProducer {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;

  constructor(options: { sqs: SQSClient; queueUrl: string }) {
    this.#sqs = options.sqs;
    this.#queueUrl = options.queueUrl;
  }

  /** Resolves once SQS has durably accepted the message. */
  async send(message: OutgoingMessage, signal?: AbortSignal): Promise<{ messageId: string }> {
    try {
      const result = await this.#sqs.send(
        new SendMessageCommand({
          QueueUrl: this.#queueUrl,
          MessageBody: message.body,
          MessageGroupId: message.groupId,
          MessageDeduplicationId: message.deduplicationId,
        }),
        signal ? { abortSignal: signal } : {},
      );
      return { messageId: result.MessageId ?? '' };
    } catch (err) {
      throw new QueueSendError(`could not queue the message: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  /** Sends in batches of ten, retrying entries SQS refused once; throws if any is still refused. */
  async sendMany(messages: readonly OutgoingMessage[]): Promise<void> {
    for (let start = 0; start < messages.length; start += 10) {
      let pending = messages.slice(start, start + 10);
      for (let attempt = 0; attempt < 2 && pending.length > 0; attempt += 1) {
        let failedIds: Set<string>;
        try {
          const result = await this.#sqs.send(
            new SendMessageBatchCommand({
              QueueUrl: this.#queueUrl,
              Entries: pending.map((m, index) => ({
                Id: String(index),
                MessageBody: m.body,
                MessageGroupId: m.groupId,
                MessageDeduplicationId: m.deduplicationId,
              })),
            }),
          );
          failedIds = new Set((result.Failed ?? []).map((f) => f.Id ?? ''));
        } catch (err) {
          if (attempt === 1)
            throw new QueueSendError(
              `could not queue ${pending.length} messages: ${(err as Error).message}`,
              { cause: err },
            );
          continue;
        }
        pending = pending.filter((_, index) => failedIds.has(String(index)));
      }
      if (pending.length > 0)
        throw new QueueSendError(`SQS refused ${pending.length} messages twice`);
    }
  }
}
