import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { Counter, Histogram, type Registry } from 'prom-client';

const MIDDLEWARE_NAME = 'perpAwsRequestMetrics';

/**
 * Counts and times every request the service's AWS clients send (`aws_requests_total`,
 * `aws_request_duration_seconds`, by client and operation; SDK retries are inside one request):
 * what the service costs DynamoDB and SQS, and how fast they answer it. Installing again on the
 * same client (a test building a second service) replaces the earlier registry's middleware.
 */
export function instrumentAwsClients(
  clients: { readonly sqs: SQSClient; readonly dynamodb: DynamoDBClient },
  registry: Registry,
): void {
  const requests = new Counter({
    name: 'aws_requests_total',
    help: 'AWS requests by client, operation and outcome (ok or the error name)',
    labelNames: ['client', 'operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'aws_request_duration_seconds',
    help: 'AWS request time by client and operation, SDK retries included',
    labelNames: ['client', 'operation'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 25],
    registers: [registry],
  });
  const install = (client: SQSClient | DynamoDBClient, name: 'sqs' | 'dynamodb') => {
    const stack = client.middlewareStack as SQSClient['middlewareStack'];
    stack.remove(MIDDLEWARE_NAME);
    stack.add(
      (next, context) => async (args) => {
        const operation = String(context.commandName ?? 'unknown').replace(/Command$/, '');
        const stop = duration.startTimer({ client: name, operation });
        try {
          const result = await next(args);
          requests.inc({ client: name, operation, outcome: 'ok' });
          return result;
        } catch (error) {
          const outcome = error instanceof Error ? error.name : 'error';
          requests.inc({ client: name, operation, outcome });
          throw error;
        } finally {
          stop();
        }
      },
      { step: 'initialize', name: MIDDLEWARE_NAME },
    );
  };
  install(clients.sqs, 'sqs');
  install(clients.dynamodb, 'dynamodb');
}
