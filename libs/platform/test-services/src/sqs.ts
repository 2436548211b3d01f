import { SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { localAwsClientConfig, type LocalAwsClientConfig } from './aws-local.ts';
import { uniqueName } from './unique-name.ts';

/** An in-process SQS emulator (fauxqs) owned by one test file. */
export interface SqsTestInstance {
  readonly endpoint: string;
  /** `q_<random>-`: prefix for every queue the test creates (FIFO names still end in `.fifo`). */
  readonly queuePrefix: string;
  /**
   * Config for `new SQSClient(...)` in the code under test. The endpoint must be set explicitly:
   * fauxqs's queue URLs (`sqs.us-east-1.localhost`) do not resolve, and an explicit endpoint stops
   * the SDK from sending requests to the queue URL's host.
   */
  readonly clientConfig: LocalAwsClientConfig;
  /** A client for the emulator; destroyed by `stop()`. */
  createClient(): SQSClient;
  /** The emulator itself, for inspection (`inspectQueue`) or state setup without SDK round trips. */
  readonly server: FauxqsServer;
  stop(): Promise<void>;
}

export async function startSqs(): Promise<SqsTestInstance> {
  // Port 0: the OS picks a free port, so parallel test files never collide.
  const server = await startFauxqs({ port: 0, logger: false });
  const endpoint = `http://127.0.0.1:${server.port}`;
  const clientConfig = localAwsClientConfig(endpoint);
  const clients = new Set<SQSClient>();
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    queuePrefix: `${uniqueName('q')}-`,
    clientConfig,
    server,
    createClient() {
      const client = new SQSClient(clientConfig);
      clients.add(client);
      return client;
    },
    stop() {
      stopped ??= (async () => {
        for (const client of clients) client.destroy();
        await server.stop();
      })();
      return stopped;
    },
  };
}
