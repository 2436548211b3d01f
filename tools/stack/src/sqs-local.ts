import { mkdirSync } from 'node:fs';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';

export interface RunningSqs {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export function localSqsClient(endpoint: string, region: string): SQSClient {
  // fauxqs's queue URLs do not resolve, so the endpoint is always set explicitly.
  return new SQSClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Starts fauxqs in this process, persisting queues and messages in SQLite under `dataDir`. */
export async function startSqs(options: {
  port: number;
  host: string;
  dataDir: string;
}): Promise<RunningSqs> {
  mkdirSync(options.dataDir, { recursive: true });
  const server = await startFauxqs({ port: options.port, logger: false, dataDir: options.dataDir });
  return { endpoint: `http://${options.host}:${server.port}`, stop: () => server.stop() };
}
