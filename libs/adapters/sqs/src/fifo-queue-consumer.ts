import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { backoff } from '@perp/retry';
import type { ConsumerLogger } from './consumer-logger.ts';
import { isPoison, type PoisonMessageError } from './processing-errors.ts';
import { groupInOrder, toQueueMessage, type QueueMessage } from './queue-message.ts';

export type MessageHandler = (message: QueueMessage) => Promise<void>;

/** What the consumer reports as it works, for metrics (no I/O: called inline). */
export interface ConsumerObserver {
  /** A receive returned these messages (none: an empty long poll). */
  received?(messages: readonly QueueMessage[], receivedAt: number): void;
  /** One handler run finished: `done` (deleted next), `retry` or `poison` (moved or left). */
  handled?(message: QueueMessage, seconds: number, outcome: 'done' | 'retry' | 'poison'): void;
}

export interface FifoQueueConsumerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly handler: MessageHandler;
  readonly logger: ConsumerLogger;
  /** Concurrent long-polling loops; each processes its batch's message groups in parallel. */
  readonly receiveLoops?: number;
  readonly batchSize?: number;
  readonly waitTimeSeconds?: number;
  /** The queue's visibility timeout; in-flight messages are extended every half of it. */
  readonly visibilityTimeoutSeconds?: number;
  /** How long a message that failed with a retryable error stays invisible, by receive count. */
  readonly retryDelaySeconds?: (receiveCount: number) => number;
  /**
   * Where poison messages are moved at once (with their error code and reason as message
   * attributes). Without it they are left for the queue's redrive policy, which costs every later
   * message of the group a receive each time the poison is received again: enough of them ahead
   * and a valid message behind them is dead-lettered too.
   */
  readonly deadLetterQueueUrl?: string;
  /**
   * Retryable failures are first retried in process after these delays (ms), holding the group
   * and extending visibility, so a short outage costs later messages of the group no receives.
   */
  readonly inProcessRetryDelaysMs?: readonly number[];
  readonly observer?: ConsumerObserver;
}

const defaultRetryDelay = (receiveCount: number) => Math.min(2 ** (receiveCount - 1), 20);

/** After a failed receive; jittered, so that the loops and replicas do not retry in step. */
const receiveRetryDelay = backoff({ initialMs: 200, maxMs: 5_000 });

/**
 * Consumes an SQS FIFO queue: long polling in batches, several loops, each message group strictly
 * in order and different groups in parallel, visibility extended while work is slow, batched
 * deletes. A message is deleted only after its handler finished, so a crash loses nothing: the
 * message comes back and the (idempotent) handler runs again.
 */
export class FifoQueueConsumer {
  readonly #options: Required<FifoQueueConsumerOptions>;
  readonly #abort = new AbortController();
  #loops: Promise<void>[] = [];
  /** Deletes and releases still on their way: a loop receives again without waiting for them. */
  readonly #settling = new Set<Promise<void>>();
  #running = false;

  constructor(options: FifoQueueConsumerOptions) {
    this.#options = {
      receiveLoops: 4,
      batchSize: 10,
      waitTimeSeconds: 20,
      visibilityTimeoutSeconds: 30,
      retryDelaySeconds: defaultRetryDelay,
      deadLetterQueueUrl: '',
      // About 4 s held in process (visibility extended) before a retryable failure costs a receive.
      inProcessRetryDelaysMs: [100, 300, 600, 1_000, 2_000],
      observer: {},
      ...options,
    };
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loops = Array.from({ length: this.#options.receiveLoops }, (_, loop) =>
      this.#receiveLoop(loop),
    );
  }

  /** Stops receiving and waits for the batches in flight to finish and be deleted. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#abort.abort();
    await Promise.allSettled(this.#loops);
    await Promise.allSettled([...this.#settling]);
  }

  async #receiveLoop(loop: number): Promise<void> {
    const { sqs, queueUrl, batchSize, waitTimeSeconds, logger } = this.#options;
    let failures = 0;
    while (this.#running) {
      let received;
      try {
        received = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: batchSize,
            WaitTimeSeconds: waitTimeSeconds,
            MessageSystemAttributeNames: [
              'MessageGroupId',
              'ApproximateReceiveCount',
              'SentTimestamp',
            ],
          }),
          { abortSignal: this.#abort.signal },
        );
        failures = 0;
      } catch (err) {
        if (!this.#running) break;
        failures += 1;
        logger.warn({ err, loop, failures }, 'receive failed; retrying');
        // Cut short by stop(), which then need not wait out the delay.
        await sleep(receiveRetryDelay(failures - 1), undefined, {
          signal: this.#abort.signal,
        }).catch(() => undefined);
        continue;
      }
      const messages = (received.Messages ?? []).map(toQueueMessage);
      this.#options.observer.received?.(messages, Date.now());
      if (messages.length > 0) await this.#processBatch(messages);
    }
  }

  async #processBatch(messages: readonly QueueMessage[]): Promise<void> {
    const inFlight = new Set(messages);
    const heartbeat = setInterval(
      () => void this.#extend([...inFlight]),
      (this.#options.visibilityTimeoutSeconds * 1000) / 2,
    );
    const done: QueueMessage[] = [];
    const released: { message: QueueMessage; delaySeconds: number }[] = [];
    try {
      await Promise.all(
        groupInOrder(messages).map(async (group) => {
          for (const [index, message] of group.entries()) {
            const outcome = await this.#handle(message);
            if (outcome === 'done') {
              done.push(message);
              inFlight.delete(message);
              continue;
            }
            // Order within the group must hold: the failed message and everything after it go back.
            for (const [later, rest] of group.slice(index).entries()) {
              released.push({
                message: rest,
                delaySeconds: later === 0 ? outcome.delaySeconds : 0,
              });
              inFlight.delete(rest);
            }
            return;
          }
        }),
      );
    } finally {
      clearInterval(heartbeat);
      // Not awaited: the loop's next receive overlaps them. A group stays locked until its
      // message is deleted or released, so its order cannot suffer; other groups gain the round trip.
      const settling = Promise.all([this.#delete(done), this.#release(released)]).then(() => {
        this.#settling.delete(settling);
      });
      this.#settling.add(settling);
    }
  }

  /**
   * Runs the handler, retrying retryable failures in process. `done` when the message may be
   * deleted: handled, or poison moved to the dead-letter queue.
   */
  async #handle(message: QueueMessage): Promise<'done' | { delaySeconds: number }> {
    const delays = this.#options.inProcessRetryDelaysMs;
    for (let attempt = 0; ; attempt += 1) {
      const started = performance.now();
      const observe = (outcome: 'done' | 'retry' | 'poison') =>
        this.#options.observer.handled?.(message, (performance.now() - started) / 1000, outcome);
      try {
        await this.#options.handler(message);
        observe('done');
        return 'done';
      } catch (err) {
        observe(isPoison(err) ? 'poison' : 'retry');
        if (isPoison(err)) {
          if (await this.#moveToDeadLetter(message, err)) return 'done';
          return { delaySeconds: this.#reportFailure(message, err) };
        }
        const delay = delays[attempt];
        if (delay === undefined || !this.#running) {
          return { delaySeconds: this.#reportFailure(message, err) };
        }
        this.#options.logger.warn(
          { messageId: message.messageId, groupId: message.groupId, err, retryInMs: delay },
          'message failed; retrying in process',
        );
        await sleep(delay);
      }
    }
  }

  async #moveToDeadLetter(message: QueueMessage, err: PoisonMessageError): Promise<boolean> {
    const dlq = this.#options.deadLetterQueueUrl;
    if (!dlq) return false;
    const context = {
      messageId: message.messageId,
      groupId: message.groupId,
      receiveCount: message.receiveCount,
      code: err.code,
      reason: err.message,
    };
    try {
      await this.#options.sqs.send(
        new SendMessageCommand({
          QueueUrl: dlq,
          MessageBody: message.body,
          MessageGroupId: message.groupId,
          // The source message id: a second move of the same message is deduplicated.
          MessageDeduplicationId: message.messageId,
          MessageAttributes: {
            'poison-code': { DataType: 'String', StringValue: err.code.slice(0, 256) },
            'poison-reason': { DataType: 'String', StringValue: err.message.slice(0, 1024) || '-' },
            'source-message-id': { DataType: 'String', StringValue: message.messageId },
          },
        }),
      );
    } catch (sendError) {
      this.#options.logger.warn(
        { ...context, err: sendError },
        'could not move the poison message to the dead-letter queue; left for the redrive policy',
      );
      return false;
    }
    this.#options.logger.error(context, 'poison message: moved to the dead-letter queue');
    return true;
  }

  #reportFailure(message: QueueMessage, err: unknown): number {
    const context = {
      messageId: message.messageId,
      groupId: message.groupId,
      receiveCount: message.receiveCount,
    };
    if (isPoison(err)) {
      // Visible again at once, so SQS moves it to the DLQ after maxReceiveCount quick receives.
      this.#options.logger.error(
        { ...context, code: err.code, reason: err.message },
        'poison message: left for the dead-letter queue',
      );
      return 0;
    }
    const delaySeconds = this.#options.retryDelaySeconds(message.receiveCount);
    this.#options.logger.warn(
      { ...context, err, retryInSeconds: delaySeconds },
      'message failed; it will be retried',
    );
    return delaySeconds;
  }

  async #delete(messages: readonly QueueMessage[]): Promise<void> {
    for (let start = 0; start < messages.length; start += 10) {
      const chunk = messages.slice(start, start + 10);
      try {
        const result = await this.#options.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.#options.queueUrl,
            Entries: chunk.map((m, index) => ({
              Id: String(index),
              ReceiptHandle: m.receiptHandle,
            })),
          }),
        );
        if (result.Failed?.length)
          this.#options.logger.warn(
            { failed: result.Failed },
            'some deletes failed; those messages will be processed again',
          );
      } catch (err) {
        // Not fatal: the messages reappear and the idempotent handler sees them as duplicates.
        this.#options.logger.warn(
          { err, count: chunk.length },
          'delete failed; messages will be processed again',
        );
      }
    }
  }

  async #changeVisibility(
    entries: readonly { message: QueueMessage; seconds: number }[],
  ): Promise<void> {
    for (let start = 0; start < entries.length; start += 10) {
      const chunk = entries.slice(start, start + 10);
      try {
        await this.#options.sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: this.#options.queueUrl,
            Entries: chunk.map(({ message, seconds }, index) => ({
              Id: String(index),
              ReceiptHandle: message.receiptHandle,
              VisibilityTimeout: seconds,
            })),
          }),
        );
      } catch (err) {
        this.#options.logger.warn({ err, count: chunk.length }, 'visibility change failed');
      }
    }
  }

  #extend(messages: readonly QueueMessage[]): Promise<void> {
    const seconds = this.#options.visibilityTimeoutSeconds;
    this.#options.logger.debug(
      { count: messages.length, seconds },
      'extending visibility of slow messages',
    );
    return this.#changeVisibility(messages.map((message) => ({ message, seconds })));
  }

  #release(released: readonly { message: QueueMessage; delaySeconds: number }[]): Promise<void> {
    return this.#changeVisibility(
      released.map(({ message, delaySeconds }) => ({ message, seconds: delaySeconds })),
    );
  }
}
