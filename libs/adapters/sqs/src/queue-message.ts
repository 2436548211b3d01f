import type { Message } from '@aws-sdk/client-sqs';

/** A received FIFO message, with the attributes the consumer needs. */
export interface QueueMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly groupId: string;
  /** 1 on the first delivery; SQS moves the message to the DLQ once it exceeds maxReceiveCount. */
  readonly receiveCount: number;
  readonly sentAt: number;
}

export function toQueueMessage(message: Message): QueueMessage {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    groupId: attributes.MessageGroupId ?? '',
    receiveCount: Number(attributes.ApproximateReceiveCount ?? '1'),
    sentAt: Number(attributes.SentTimestamp ?? '0'),
  };
}

/** Messages of one batch by message group, each group in the order SQS delivered it. */
export function groupInOrder(messages: readonly QueueMessage[]): QueueMessage[][] {
  const groups = new Map<string, QueueMessage[]>();
  for (const message of messages) {
    const group = groups.get(message.groupId);
    if (group) group.push(message);
    else groups.set(message.groupId, [message]);
  }
  return [...groups.values()];
}
