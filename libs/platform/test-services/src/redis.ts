import { Redis } from 'ioredis';
import { TestServiceError, TestServiceErrorCode } from './errors.ts';
import { redactUrl } from './redact-url.ts';
import { randomId } from './unique-name.ts';

const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';
const START_HINT =
  'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no';

export interface RedisOptions {
  /** Defaults to REDIS_URL, else redis://127.0.0.1:6379. */
  readonly url?: string;
  /** How long to wait for the first connection. */
  readonly connectTimeoutMs?: number;
}

/** A Redis shared with other test runs, made private by a key prefix. */
export interface RedisTestInstance {
  readonly url: string;
  /** `t:<random>:` — put every key and channel the test uses under it. */
  readonly keyPrefix: string;
  /** A connected client (no ioredis keyPrefix applied: keys are written in full). */
  readonly client: Redis;
  /** Another connection, e.g. a subscriber; closed by `dispose()`. */
  newClient(): Promise<Redis>;
  /** Deletes the keys under `keyPrefix` (SCAN + UNLINK) and closes every client. */
  dispose(): Promise<void>;
}

/**
 * Connects to Redis or throws, within about a second, an error that says how to start one.
 * Never FLUSHes: the server is shared, cleanup is by prefix.
 */
export async function connectRedis(options: RedisOptions = {}): Promise<RedisTestInstance> {
  const url = options.url ?? process.env['REDIS_URL'] ?? LOCAL_REDIS_URL;
  const timeoutMs = options.connectTimeoutMs ?? 1_000;
  const keyPrefix = `t:${randomId()}:`;
  const clients = new Set<Redis>();

  const newClient = async (): Promise<Redis> => {
    const client = await openClient(url, timeoutMs);
    clients.add(client);
    return client;
  };
  const client = await newClient();

  let disposed: Promise<void> | undefined;
  return {
    url,
    keyPrefix,
    client,
    newClient,
    dispose() {
      disposed ??= (async () => {
        try {
          await deleteByPrefix(client, keyPrefix);
        } finally {
          await Promise.all([...clients].map((c) => c.quit().catch(() => c.disconnect())));
        }
      })();
      return disposed;
    },
  };
}

/** SCAN (not KEYS: the shared server may hold many keys) and UNLINK in batches. */
export async function deleteByPrefix(client: Redis, prefix: string): Promise<number> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) deleted += await client.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

async function openClient(url: string, timeoutMs: number): Promise<Redis> {
  // Fail fast instead of retrying forever: a test with no Redis should say so, not hang.
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // Without a listener ioredis reports connection errors as unhandled 'error' events.
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return client;
  } catch (error) {
    client.disconnect();
    throw new TestServiceError(
      TestServiceErrorCode.RedisUnavailable,
      `Redis is not reachable at ${redactUrl(url)} (${(error as Error).message}). ` +
        `Start one with \`${START_HINT}\`, or set REDIS_URL.`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}
