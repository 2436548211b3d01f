import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface AwsClientOptions {
  readonly region: string;
  /** Set locally (fauxqs, DynamoDB Local); unset in AWS, where the SDK finds the endpoints. */
  readonly sqsEndpoint?: string | undefined;
  readonly dynamodbEndpoint?: string | undefined;
}

/** The SQS and DynamoDB clients of a service, from its validated config. */
export function awsClients(options: AwsClientOptions): {
  sqs: SQSClient;
  dynamodb: DynamoDBClient;
} {
  const endpoint = (url: string | undefined) => (url ? { endpoint: url } : {});
  return {
    sqs: new SQSClient({ region: options.region, ...endpoint(options.sqsEndpoint) }),
    dynamodb: new DynamoDBClient({ region: options.region, ...endpoint(options.dynamodbEndpoint) }),
  };
}
