import { str, url } from '@perp/config';

/**
 * The environment every service that talks to the platform's queues, tables and Redis reads, the
 * same names and rules for each (a service spreads it into its own schema).
 */
export const BACKING_SERVICES_ENV = {
  AWS_REGION: str().default('us-east-1'),
  /** Set locally (fauxqs, DynamoDB Local); unset in AWS. */
  SQS_ENDPOINT: url(['http', 'https']).optional(),
  DYNAMODB_ENDPOINT: url(['http', 'https']).optional(),
  /** Prepended to queue and table names (an environment, or a test's private copies). */
  RESOURCE_PREFIX: str().default(''),
  REDIS_URL: url(['redis', 'rediss']),
  /** Prepended to every Redis key and channel the service uses. */
  REDIS_KEY_PREFIX: str().default('perp:'),
} as const;
