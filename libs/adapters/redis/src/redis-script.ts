import type { Cluster, Redis } from 'ioredis';

// A Lua script registered with ioredis' `defineCommand` instead of sent whole with every EVAL.
// ioredis sends EVAL the first time on each connection (so a new or reconnected socket, e.g. after
// a Redis restart, loads it), EVALSHA after that, and on NOSCRIPT (SCRIPT FLUSH, a failover to a
// replica without it) resends it as EVAL by itself. On a Cluster the same holds per node
// connection. A client's `keyPrefix` is applied to the script's keys, as EVAL would.

/** A client a script runs on: one connection or a cluster. */
export type ScriptClient = Redis | Cluster;

export type ScriptArgument = string | number;

export interface ScriptCall {
  readonly keys: readonly string[];
  readonly args: readonly ScriptArgument[];
}

export interface RedisScriptDefinition<T> {
  /** The command ioredis adds to each client; one not already on it (no Redis command name). */
  readonly name: string;
  readonly numberOfKeys: number;
  readonly lua: string;
  /** Turns the script's reply into the caller's type (and checks it where it matters). */
  readonly reply: (raw: unknown) => T;
}

export interface RedisScript<T> {
  (client: ScriptClient, keys: readonly string[], args: readonly ScriptArgument[]): Promise<T>;
  /**
   * Many calls in one round trip (a pipeline), run by Redis in order. Resolves with every reply
   * once all ran, or rejects with the first error (the other calls still ran).
   */
  batch(client: ScriptClient, calls: readonly ScriptCall[]): Promise<T[]>;
}

type ScriptMethod = (...args: ScriptArgument[]) => Promise<unknown>;

/** The Lua defined under each name on each client, so that defining again is a no-op. */
const definedOn = new WeakMap<ScriptClient, Map<string, string>>();

export function redisScript<T>(definition: RedisScriptDefinition<T>): RedisScript<T> {
  const { name, numberOfKeys, lua, reply } = definition;
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    throw new TypeError(`a script name is a plain identifier, got ${JSON.stringify(name)}`);
  }
  if (!Number.isSafeInteger(numberOfKeys) || numberOfKeys < 0) {
    throw new RangeError(`numberOfKeys must be a non-negative integer, got ${numberOfKeys}`);
  }

  const argumentsOf = (keys: readonly string[], args: readonly ScriptArgument[]) => {
    // ioredis splits keys from arguments by count alone: a wrong count would shift them silently.
    if (keys.length !== numberOfKeys) {
      throw new RangeError(`${name} takes ${numberOfKeys} keys, got ${keys.length}`);
    }
    return [...keys, ...args];
  };

  const run = async (
    client: ScriptClient,
    keys: readonly string[],
    args: readonly ScriptArgument[],
  ): Promise<T> => {
    const argv = argumentsOf(keys, args);
    return reply(await methodOf(defineOn(client, name, numberOfKeys, lua), name)(...argv));
  };

  const batch = async (client: ScriptClient, calls: readonly ScriptCall[]): Promise<T[]> => {
    if (calls.length === 0) return [];
    const argvs = calls.map((call) => argumentsOf(call.keys, call.args));
    // A pipeline copies the client's scripts when it is made, so define first.
    const pipeline = defineOn(client, name, numberOfKeys, lua).pipeline();
    const queue = methodOf(pipeline, name);
    for (const argv of argvs) void queue(...argv);
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
    return results.map(([, raw]) => reply(raw));
  };

  return Object.assign(run, { batch });
}

function defineOn(
  client: ScriptClient,
  name: string,
  numberOfKeys: number,
  lua: string,
): ScriptClient {
  let scripts = definedOn.get(client);
  if (scripts === undefined) {
    scripts = new Map();
    definedOn.set(client, scripts);
  }
  const existing = scripts.get(name);
  if (existing === lua) return client;
  // defineCommand would silently replace a Redis command (`get`) or another script of this name.
  if (existing !== undefined || name in client || `${name}Buffer` in client) {
    throw new Error(`the client already has a command named ${name}`);
  }
  client.defineCommand(name, { numberOfKeys, lua });
  scripts.set(name, lua);
  return client;
}

function methodOf(target: object, name: string): ScriptMethod {
  const method = (target as Record<string, unknown>)[name];
  if (typeof method !== 'function') throw new Error(`${name} is not defined on this client`);
  return (method as ScriptMethod).bind(target);
}
