import { DeleteTableCommand, DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { localAwsClientConfig, type LocalAwsClientConfig } from './aws-local.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { DYNAMODB_ENDPOINT_KEY } from './provided-context.ts';
import { uniqueName } from './unique-name.ts';

/** One test file's view of DynamoDB: the run's shared DynamoDB Local, made private by a table prefix. */
export interface DynamoDbTestInstance {
  readonly endpoint: string;
  /** `t_<random>-`: prefix for every table the test creates. */
  readonly tablePrefix: string;
  /** Config for `new DynamoDBClient(...)` in the code under test. */
  readonly clientConfig: LocalAwsClientConfig;
  /** A client for the endpoint; destroyed by `dispose()`. Wrap it in a DynamoDBDocumentClient as needed. */
  createClient(): DynamoDBClient;
  /** Deletes the tables under `tablePrefix`, closes clients, and stops a fallback server if one was started. */
  dispose(): Promise<void>;
}

/**
 * Finds the DynamoDB for this test file: DYNAMODB_ENDPOINT, else the DynamoDB Local started by
 * the global setup (`projectTestConfig(dir, { dynamodb: true })`), else, as a fallback, one
 * started for this file (~3 s).
 */
export async function connectDynamoDb(): Promise<DynamoDbTestInstance> {
  const { endpoint, release } = await resolveEndpoint();
  const clientConfig = localAwsClientConfig(endpoint);
  const tablePrefix = `${uniqueName('t')}-`;
  const clients = new Set<DynamoDBClient>();
  const createClient = (): DynamoDBClient => {
    const client = new DynamoDBClient(clientConfig);
    clients.add(client);
    return client;
  };
  let disposed: Promise<void> | undefined;
  return {
    endpoint,
    tablePrefix,
    clientConfig,
    createClient,
    dispose() {
      disposed ??= (async () => {
        try {
          await deleteTablesByPrefix(createClient(), tablePrefix);
        } finally {
          for (const client of clients) client.destroy();
          await release();
        }
      })();
      return disposed;
    },
  };
}

/** The endpoint to use now, and what to do when this caller is done with it. */
async function resolveEndpoint(): Promise<{ endpoint: string; release: () => Promise<void> }> {
  const configured = process.env['DYNAMODB_ENDPOINT'] || injectedEndpoint();
  if (configured) {
    return { endpoint: configured, release: async () => undefined };
  }
  return acquireFallback();
}

function injectedEndpoint(): string | undefined {
  try {
    const value = (inject as (key: string) => unknown)(DYNAMODB_ENDPOINT_KEY);
    return typeof value === 'string' ? value : undefined;
  } catch {
    // Outside a vitest worker (a script, a REPL) there is nothing to inject.
    return undefined;
  }
}

// The fallback server is shared by the callers in this module instance (one test file, with
// vitest's default isolation) and stopped when the last of them disposes.
let fallback: Promise<DynamoDbLocal> | undefined;
let fallbackUsers = 0;

async function acquireFallback(): Promise<{ endpoint: string; release: () => Promise<void> }> {
  fallbackUsers++;
  fallback ??= startDynamoDbLocal();
  let server: DynamoDbLocal;
  try {
    server = await fallback;
  } catch (error) {
    fallbackUsers--;
    fallback = undefined;
    throw error;
  }
  let released = false;
  return {
    endpoint: server.endpoint,
    release: async () => {
      if (released) return;
      released = true;
      fallbackUsers--;
      if (fallbackUsers > 0) return;
      fallback = undefined;
      await server.stop();
    },
  };
}

async function deleteTablesByPrefix(client: DynamoDBClient, prefix: string): Promise<void> {
  const names: string[] = [];
  for await (const page of paginateListTables({ client }, {})) {
    names.push(...(page.TableNames ?? []).filter((name) => name.startsWith(prefix)));
  }
  await Promise.all(names.map((TableName) => client.send(new DeleteTableCommand({ TableName }))));
}
