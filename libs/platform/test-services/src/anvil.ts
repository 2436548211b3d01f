import { spawn } from 'node:child_process';
import { anvilBinary } from './anvil-binary.ts';
import { captureTail, killOnExit, startupFailure, stopChild } from './child-process.ts';
import { TestServiceError, TestServiceErrorCode } from './errors.ts';
import { waitUntil } from '@perp/retry';

export interface AnvilOptions {
  readonly chainId?: number;
  /** Seconds between blocks; default: a block per transaction (instant mining). */
  readonly blockTime?: number;
  /** Further command-line arguments, e.g. `['--fork-url', url]`. */
  readonly args?: readonly string[];
  readonly startTimeoutMs?: number;
}

/** A local EVM node owned by one test file; its ten default accounts hold 10 000 ETH each. */
export interface AnvilInstance {
  readonly rpcUrl: string;
  readonly chainId: number;
  stop(): Promise<void>;
}

const LISTENING = /Listening on ([\d.]+):(\d+)/;

/** Starts anvil on a random port and resolves once it answers `eth_chainId`. */
export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilInstance> {
  const args = ['--host', '127.0.0.1', '--port', '0'];
  if (options.chainId !== undefined) args.push('--chain-id', String(options.chainId));
  if (options.blockTime !== undefined) args.push('--block-time', String(options.blockTime));
  args.push(...(options.args ?? []));

  const child = spawn(anvilBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const failure = startupFailure(child);
  killOnExit(child);
  // Port 0 lets the OS choose; anvil reports the port it got on stdout (not with --silent).
  const output = captureTail(child.stdout);
  const errors = captureTail(child.stderr);

  try {
    let rpcUrl = '';
    let chainId = 0;
    await waitUntil(
      async () => {
        if (!rpcUrl) {
          const match = LISTENING.exec(output());
          if (!match) return false;
          rpcUrl = `http://${match[1]}:${match[2]}`;
        }
        chainId = await rpcChainId(rpcUrl);
        return true;
      },
      {
        timeoutMs: options.startTimeoutMs ?? 10_000,
        intervalMs: 25,
        abortIf: failure,
      },
    );
    return { rpcUrl, chainId, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw new TestServiceError(
      TestServiceErrorCode.AnvilStartFailed,
      `anvil did not start: ${(error as Error).message}\n${errors()}`.trim(),
      { cause: error },
    );
  }
}

async function rpcChainId(rpcUrl: string): Promise<number> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    signal: AbortSignal.timeout(1_000),
  });
  const body = (await response.json()) as { result?: string };
  if (typeof body.result !== 'string')
    throw new Error(`eth_chainId answered ${JSON.stringify(body)}`);
  return Number.parseInt(body.result, 16);
}
