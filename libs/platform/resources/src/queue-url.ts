import { GetQueueUrlCommand, QueueDoesNotExist, type SQSClient } from '@aws-sdk/client-sqs';

/** The queue does not exist under this name: nothing provisioned it (or the prefix is wrong). */
export class QueueNotProvisionedError extends Error {
  readonly code = 'QUEUE_NOT_PROVISIONED';
  readonly queueName: string;
  constructor(queueName: string) {
    super(`queue ${queueName} does not exist; is it provisioned (npm start, or the CDK stack)?`);
    this.name = 'QueueNotProvisionedError';
    this.queueName = queueName;
  }
}

/** The queue's URL, or undefined when there is no such queue. */
export async function findQueueUrl(sqs: SQSClient, name: string): Promise<string | undefined> {
  try {
    return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
  } catch (error) {
    if (
      error instanceof QueueDoesNotExist ||
      (error as { name?: string }).name === 'QueueDoesNotExist'
    )
      return undefined;
    throw error;
  }
}

/** The URL of a queue a service needs; `QueueNotProvisionedError` names it when missing. */
export async function requireQueueUrl(sqs: SQSClient, name: string): Promise<string> {
  const url = await findQueueUrl(sqs, name);
  if (url === undefined) throw new QueueNotProvisionedError(name);
  return url;
}
