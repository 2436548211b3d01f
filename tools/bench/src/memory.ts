// Gateway memory per idle authenticated connection: the process's VmRSS before and after
// opening many sockets that only answer the server's pings.
import { readFile } from 'node:fs/promises';
import { RpcSocket } from '@perp/trader-client';
import { mapLimit } from './platform.ts';

/** VmRSS of a process in KiB (from /proc/<pid>/status). */
export async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface IdleResult {
  readonly connections: number;
  readonly failed: number;
  readonly beforeKiB: number;
  readonly afterKiB: number;
  /** After the sockets have been open for `holdSeconds` (server pings included). */
  readonly heldKiB: number;
  readonly closedKiB: number;
  readonly openSeconds: number;
}

/**
 * Opens `tokens.length` sockets (tokens may repeat, within the per-account limit), 100 handshakes
 * at a time, holds them, then closes them.
 */
export async function idleConnections(
  url: string,
  pid: number,
  tokens: readonly string[],
  holdSeconds: number,
  log: (line: string) => void,
): Promise<IdleResult> {
  await sleep(5_000);
  const beforeKiB = await rssKiB(pid);
  const started = performance.now();
  let failed = 0;
  const firstErrors = new Set<string>();
  const sockets = await mapLimit(tokens, 100, async (token): Promise<RpcSocket | undefined> => {
    try {
      return await RpcSocket.open(url, { token, perMessageDeflate: false });
    } catch (error) {
      failed++;
      if (firstErrors.size < 3) firstErrors.add((error as Error).message);
      return undefined;
    }
  });
  const openSeconds = (performance.now() - started) / 1000;
  if (failed > 0) log(`${failed} sockets failed to open: ${[...firstErrors].join('; ')}`);
  await sleep(5_000);
  const afterKiB = await rssKiB(pid);
  await sleep(holdSeconds * 1000);
  const heldKiB = await rssKiB(pid);
  await Promise.all(sockets.map((socket) => socket?.close()));
  await sleep(5_000);
  const closedKiB = await rssKiB(pid);
  return {
    connections: tokens.length - failed,
    failed,
    beforeKiB,
    afterKiB,
    heldKiB,
    closedKiB,
    openSeconds,
  };
}
