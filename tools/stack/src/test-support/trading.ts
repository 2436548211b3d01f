import { randomUUID } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import {
  deduplicationIdOf,
  messageGroupIdOf,
  parseCommandEnvelope,
  type CommandEnvelope,
  type ExecutionReport,
} from '@perp/contracts';
import { redisKeyspace, replayReports } from '@perp/redis-adapter';
import { QUEUES, queueName, requireQueueUrl } from '@perp/resources';
import { FifoQueueProducer } from '@perp/sqs-adapter';
import { waitUntil } from '@perp/test-services';
import type { Redis } from 'ioredis';

/**
 * An `order.place` as the gateway queues it, through the shared contract: a BTC-PERP buy that
 * rests on the book, 2 % under the start price (inside the 5 % band, so risk lets it through).
 */
export function restingBuy(accountId: string, clientOrderId: string): CommandEnvelope {
  return parseCommandEnvelope({
    version: 1,
    commandId: `stack-test-${randomUUID()}`,
    accountId,
    source: 'trader',
    type: 'order.place',
    receivedAt: Date.now(),
    traceId: randomUUID(),
    payload: {
      clientOrderId,
      symbol: 'BTC-PERP',
      side: 'buy',
      type: 'limit',
      price: '58800',
      quantity: '0.001',
      timeInForce: 'gtc',
      postOnly: false,
      reduceOnly: false,
    },
  });
}

/** Sends to the stack's orders queue with the group and deduplication id every producer uses. */
export async function sendCommand(sqs: SQSClient, command: CommandEnvelope): Promise<void> {
  const queueUrl = await requireQueueUrl(sqs, queueName(QUEUES.orders.name));
  await new FifoQueueProducer({ sqs, queueUrl }).send({
    body: JSON.stringify(command),
    groupId: messageGroupIdOf(command),
    deduplicationId: deduplicationIdOf(command),
  });
}

/** Waits until the account's replay stream holds the order's report of `execType`. */
export async function waitForReport(
  redis: Redis,
  keyPrefix: string,
  accountId: string,
  clientOrderId: string,
  execType: ExecutionReport['execType'],
  timeoutMs = 15_000,
): Promise<ExecutionReport> {
  const keys = redisKeyspace(keyPrefix);
  let reports: ExecutionReport[] = [];
  const isIt = (r: ExecutionReport) => r.clientOrderId === clientOrderId && r.execType === execType;
  try {
    await waitUntil(
      async () => {
        reports = (await replayReports(redis, keys, accountId, 0)) as ExecutionReport[];
        return reports.some(isIt);
      },
      { timeoutMs },
    );
  } catch {
    throw new Error(
      `no ${execType} report for ${clientOrderId} within ${timeoutMs} ms; ` +
        `the stream has ${JSON.stringify(reports)}`,
    );
  }
  return reports.find(isIt) as ExecutionReport;
}
