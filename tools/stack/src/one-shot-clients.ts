import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { loadConfigOrExit, str, url } from '@perp/config';

/** What a one-shot (compose's provision and seed steps) reads: the endpoints and the prefix. */
export interface OneShotClients {
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly prefix: string;
  destroy(): void;
}

/**
 * Clients for the emulators a one-shot talks to, from SQS_ENDPOINT, DYNAMODB_ENDPOINT,
 * AWS_REGION and RESOURCE_PREFIX; exits naming the variable when one is wrong.
 */
export function oneShotClients(): OneShotClients {
  const config = loadConfigOrExit({
    SQS_ENDPOINT: url(['http', 'https']),
    DYNAMODB_ENDPOINT: url(['http', 'https']),
    AWS_REGION: str().default('us-east-1'),
    RESOURCE_PREFIX: str().default(''),
  });
  // The emulators accept any credentials; these keep the SDK from looking for real ones.
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const region = config.AWS_REGION;
  const sqs = new SQSClient({ endpoint: config.SQS_ENDPOINT, region, credentials });
  const dynamodb = new DynamoDBClient({ endpoint: config.DYNAMODB_ENDPOINT, region, credentials });
  return {
    sqs,
    dynamodb,
    prefix: config.RESOURCE_PREFIX,
    destroy() {
      sqs.destroy();
      dynamodb.destroy();
    },
  };
}
