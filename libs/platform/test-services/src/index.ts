export { startAnvil, type AnvilInstance, type AnvilOptions } from './anvil.ts';
export { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION, type LocalAwsClientConfig } from './aws-local.ts';
export { detectContainerRuntime, type ContainerRuntimeAddress } from './container-runtime.ts';
export { connectDynamoDb, type DynamoDbTestInstance } from './dynamodb.ts';
export { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
export { TestServiceError, TestServiceErrorCode } from './errors.ts';
export { createPostgresDatabase, type PostgresOptions } from './postgres.ts';
export type { PostgresBackend, PostgresDatabase } from './postgres-database.ts';
export {
  connectRedis,
  deleteByPrefix,
  type RedisOptions,
  type RedisTestInstance,
} from './redis.ts';
export { startSqs, type SqsTestInstance } from './sqs.ts';
export { randomId, uniqueName } from './unique-name.ts';
export { freePort } from './free-port.ts';
export { startNodeService, type NodeService, type NodeServiceOptions } from './node-service.ts';
export { waitFor, waitUntil, type WaitOptions } from './wait-until.ts';
