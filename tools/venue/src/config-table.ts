// The config table (instruments, routes) reached as the platform's processes reach it: the same
// AWS_REGION, DYNAMODB_ENDPOINT and RESOURCE_PREFIX, read by the same rules.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadConfig } from '@perp/config';
import { BACKING_SERVICES_ENV, TABLES, tableName } from '@perp/resources';
import { ConfigStore, documentClient } from '@perp/trading-store';

const { AWS_REGION, DYNAMODB_ENDPOINT, RESOURCE_PREFIX } = BACKING_SERVICES_ENV;
const CONFIG_TABLE_ENV = { AWS_REGION, DYNAMODB_ENDPOINT, RESOURCE_PREFIX };

/** DynamoDB Local (the stack's, a test's) takes any keys, and an operator's shell may have none. */
const EMULATOR_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface ConfigTable {
  readonly config: ConfigStore;
  /** The table's name, for messages. */
  readonly table: string;
  close(): void;
}

/** Throws ConfigError when the environment is malformed. */
export function openConfigTable(env: Readonly<Record<string, string | undefined>>): ConfigTable {
  const settings = loadConfig(CONFIG_TABLE_ENV, env);
  const endpoint = settings.DYNAMODB_ENDPOINT;
  // As awsClients builds it (endpoint only when set), with emulator keys for a local one.
  const emulator =
    endpoint !== undefined && LOOPBACK.has(new URL(endpoint).hostname) && !env['AWS_ACCESS_KEY_ID'];
  const dynamodb = new DynamoDBClient({
    region: settings.AWS_REGION,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(emulator ? { credentials: EMULATOR_CREDENTIALS } : {}),
  });
  return {
    config: new ConfigStore({
      db: documentClient(dynamodb),
      tablePrefix: settings.RESOURCE_PREFIX,
    }),
    table: tableName(TABLES.config.name, settings.RESOURCE_PREFIX),
    close: () => dynamodb.destroy(),
  };
}
