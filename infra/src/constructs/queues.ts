// The orders FIFO queue and its DLQ, from the declarations the apps read (@perp/resources).
import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { QUEUES, queueName } from '@perp/resources';

export class OrderQueues extends Construct {
  readonly orders: sqs.Queue;
  readonly deadLetter: sqs.Queue;

  constructor(scope: Construct, id: string, prefix: string) {
    super(scope, id);
    const definition = QUEUES.orders;
    this.deadLetter = new sqs.Queue(this, 'DeadLetter', {
      queueName: queueName(definition.deadLetter.name, prefix),
      fifo: true,
      retentionPeriod: Duration.seconds(definition.deadLetter.retentionSeconds),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.orders = new sqs.Queue(this, 'Orders', {
      queueName: queueName(definition.name, prefix),
      fifo: true,
      contentBasedDeduplication: definition.contentBasedDeduplication,
      // High-throughput mode: ordering and deduplication per account (the message group).
      deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP,
      fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      receiveMessageWaitTime: Duration.seconds(definition.receiveWaitTimeSeconds),
      retentionPeriod: Duration.seconds(definition.retentionSeconds),
      deadLetterQueue: {
        queue: this.deadLetter,
        maxReceiveCount: definition.deadLetter.maxReceiveCount,
      },
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
  }
}
