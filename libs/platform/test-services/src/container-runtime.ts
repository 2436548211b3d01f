import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where a Docker-compatible engine is reached: a unix socket or a TCP host:port. */
export type ContainerRuntimeAddress =
  | { readonly kind: 'socket'; readonly socketPath: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

const PING_TIMEOUT_MS = 300;

let detected: Promise<ContainerRuntimeAddress | undefined> | undefined;

/**
 * Finds a container engine that answers `GET /_ping`, or undefined. Cheap where none exists (no
 * socket file: no I/O at all), so callers can ask before ever importing `testcontainers`, whose
 * own discovery is much slower. The answer is cached per process.
 */
export function detectContainerRuntime(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<ContainerRuntimeAddress | undefined> {
  if (env !== process.env) return detect(env);
  detected ??= detect(env);
  return detected;
}

async function detect(
  env: Readonly<Record<string, string | undefined>>,
): Promise<ContainerRuntimeAddress | undefined> {
  for (const address of candidates(env)) {
    if (address.kind === 'socket' && !existsSync(address.socketPath)) continue;
    if (await answersPing(address)) return address;
  }
  return undefined;
}

function candidates(env: Readonly<Record<string, string | undefined>>): ContainerRuntimeAddress[] {
  // An explicit DOCKER_HOST is the only candidate: probing elsewhere would surprise whoever set it.
  const dockerHost = env['DOCKER_HOST'];
  if (dockerHost) {
    const url = new URL(dockerHost);
    if (url.protocol === 'unix:') return [{ kind: 'socket', socketPath: url.pathname }];
    if (url.protocol === 'tcp:' || url.protocol === 'http:') {
      return [{ kind: 'tcp', host: url.hostname, port: Number(url.port || 2375) }];
    }
    return [];
  }
  const sockets = ['/var/run/docker.sock', join(homedir(), '.docker/run/docker.sock')];
  const runtimeDir = env['XDG_RUNTIME_DIR'];
  if (runtimeDir)
    sockets.push(join(runtimeDir, 'docker.sock'), join(runtimeDir, 'podman/podman.sock'));
  return sockets.map((socketPath) => ({ kind: 'socket', socketPath }));
}

function answersPing(address: ContainerRuntimeAddress): Promise<boolean> {
  const target =
    address.kind === 'socket'
      ? { socketPath: address.socketPath }
      : { host: address.host, port: address.port };
  return new Promise((resolve) => {
    const req = request(
      { ...target, path: '/_ping', method: 'GET', timeout: PING_TIMEOUT_MS },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
