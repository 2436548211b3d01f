import { once } from 'node:events';
import { connectRedis, waitUntil, type RedisTestInstance } from '@perp/test-services';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisScript } from './index.ts';

// Against the real Redis. SCRIPT FLUSH empties the server's script cache for every user of this
// Redis; clients built on defineCommand (as here) load their scripts again by themselves.

let service: RedisTestInstance;
let monitor: Redis;
/** The commands MONITOR saw, as argument lists. */
const seen: string[][] = [];
let testNumber = 0;

beforeAll(async () => {
  service = await connectRedis();
  monitor = await service.client.monitor();
  monitor.on('monitor', (_time: string, args: string[]) => seen.push(args));
});
afterAll(async () => {
  monitor.disconnect();
  await service.dispose();
});

const incrementBy = redisScript({
  name: 'testIncrementBy',
  numberOfKeys: 1,
  lua: `
if ARGV[1] == 'fail' then return redis.error_reply('ERR asked to fail') end
return redis.call('INCRBY', KEYS[1], ARGV[1])
`,
  reply: Number,
});

function uniqueKey(): string {
  testNumber += 1;
  return `${service.keyPrefix}script:${testNumber}`;
}

/** The script calls (EVAL or EVALSHA) MONITOR saw on `key`, once there are `count` of them. */
async function scriptCommandsOn(key: string, count: number): Promise<string[]> {
  const commands = () =>
    seen
      .filter((args) => args.includes(key) && /^eval/i.test(args[0] ?? ''))
      .map((args) => (args[0] ?? '').toLowerCase());
  await waitUntil(async () => commands().length >= count, { timeoutMs: 2_000, intervalMs: 10 });
  return commands();
}

describe('redisScript', () => {
  it('loads the script once per connection, then calls it by its SHA', async () => {
    const key = uniqueKey();
    const client = await service.newClient();
    expect(await incrementBy(client, [key], [2])).toBe(2);
    expect(await incrementBy(client, [key], [3])).toBe(5);
    expect(await incrementBy(client, [key], [4])).toBe(9);
    expect(await scriptCommandsOn(key, 3)).toEqual(['eval', 'evalsha', 'evalsha']);
  });

  it('still works after SCRIPT FLUSH between two calls (EVALSHA fails, EVAL follows)', async () => {
    const key = uniqueKey();
    const client = await service.newClient();
    expect(await incrementBy(client, [key], [1])).toBe(1);
    expect(await incrementBy(client, [key], [1])).toBe(2);
    await service.client.script('FLUSH');
    expect(await incrementBy(client, [key], [1])).toBe(3);
    expect(await incrementBy(client, [key], [1])).toBe(4);
    expect(await scriptCommandsOn(key, 5)).toEqual([
      'eval',
      'evalsha',
      'evalsha', // NOSCRIPT
      'eval',
      'evalsha',
    ]);
  });

  it('still works when the connection was lost and the scripts flushed (as after a restart)', async () => {
    const key = uniqueKey();
    // The test service's clients never reconnect; this one does, as the services' clients do.
    const client = new Redis(service.url);
    client.on('error', () => undefined);
    try {
      expect(await incrementBy(client, [key], [1])).toBe(1);
      await service.client.script('FLUSH');
      const id = Number(await client.client('ID'));
      const closed = once(client, 'close');
      await service.client.client('KILL', 'ID', id);
      await closed;
      expect(await incrementBy(client, [key], [1])).toBe(2);
      expect(Number(await client.client('ID'))).not.toBe(id);
      // The new connection starts with EVAL: no NOSCRIPT round trip.
      expect(await scriptCommandsOn(key, 2)).toEqual(['eval', 'eval']);
    } finally {
      client.disconnect();
    }
  });

  it('runs a batch in one pipeline, in order, also after SCRIPT FLUSH', async () => {
    const key = uniqueKey();
    const client = await service.newClient();
    const calls = [1, 10, 100].map((by) => ({ keys: [key], args: [by] }));
    expect(await incrementBy.batch(client, calls)).toEqual([1, 11, 111]);
    await service.client.script('FLUSH');
    expect(await incrementBy.batch(client, calls)).toEqual([112, 122, 222]);
    expect(await incrementBy.batch(client, [])).toEqual([]);
  });

  it('rejects a batch with the first error after every call ran', async () => {
    const key = uniqueKey();
    const client = await service.newClient();
    const batch = incrementBy.batch(client, [
      { keys: [key], args: [1] },
      { keys: [key], args: ['fail'] },
      { keys: [key], args: [2] },
    ]);
    await expect(batch).rejects.toThrow('asked to fail');
    expect(await service.client.get(key)).toBe('3');
  });

  it("applies the client's keyPrefix to the script's keys", async () => {
    const prefix = `${service.keyPrefix}prefixed:`;
    const client = new Redis(service.url, { keyPrefix: prefix });
    try {
      expect(await incrementBy(client, ['counter'], [7])).toBe(7);
      expect(await incrementBy.batch(client, [{ keys: ['counter'], args: [1] }])).toEqual([8]);
      expect(await service.client.get(`${prefix}counter`)).toBe('8');
    } finally {
      client.disconnect();
    }
  });

  it('defines a script on a client once, and refuses a name the client has already', async () => {
    const key = uniqueKey();
    const client = await service.newClient();
    await incrementBy(client, [key], [1]);
    const method = (client as unknown as Record<string, unknown>)['testIncrementBy'];
    await incrementBy(client, [key], [1]);
    expect((client as unknown as Record<string, unknown>)['testIncrementBy']).toBe(method);

    const clash = redisScript({ name: 'get', numberOfKeys: 1, lua: 'return 1', reply: Number });
    await expect(clash(client, [key], [])).rejects.toThrow('already has a command named get');
    expect(await client.get(key)).toBe('2');

    const other = redisScript({
      name: 'testIncrementBy',
      numberOfKeys: 1,
      lua: 'return 0',
      reply: Number,
    });
    await expect(other(client, [key], [])).rejects.toThrow('already has a command named');
    expect(await incrementBy(client, [key], [1])).toBe(3);
  });

  it('refuses a call with the wrong number of keys, and a bad definition', async () => {
    const client = await service.newClient();
    await expect(incrementBy(client, [], [1])).rejects.toThrow(RangeError);
    await expect(incrementBy(client, ['a', 'b'], [1])).rejects.toThrow('takes 1 keys, got 2');
    await expect(incrementBy.batch(client, [{ keys: [], args: [1] }])).rejects.toThrow(RangeError);
    expect(() =>
      redisScript({ name: 'bad name', numberOfKeys: 1, lua: '', reply: Number }),
    ).toThrow(TypeError);
    expect(() => redisScript({ name: 'ok', numberOfKeys: -1, lua: '', reply: Number })).toThrow(
      RangeError,
    );
  });
});
