export {
  QUEUES,
  deadLetterAttributes,
  queueAttributes,
  queueName,
  redrivePolicy,
  type QueueDefinition,
  type QueueKey,
} from './queues.ts';
export {
  TABLES,
  createTableInput,
  tableName,
  type AttributeType,
  type IndexDefinition,
  type KeyAttribute,
  type TableDefinition,
  type TableKey,
} from './tables.ts';
export {
  ensureQueueWithDeadLetter,
  ensureQueues,
  ensureTable,
  ensureTables,
  type ProvisionAction,
  type ProvisionedQueue,
  type ProvisionedTable,
} from './provision.ts';
export { awsClients, type AwsClientOptions } from './aws-clients.ts';
export { BACKING_SERVICES_ENV } from './backing-services-env.ts';
export { venueSecretName, venueSecretsPrefix } from './venue-secrets.ts';
export { instrumentAwsClients } from './aws-request-metrics.ts';
export { QueueNotProvisionedError, findQueueUrl, requireQueueUrl } from './queue-url.ts';
