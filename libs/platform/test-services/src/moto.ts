import { spawn } from 'node:child_process';
import { captureTail, killOnExit, startupFailure, stopChild } from './child-process.ts';
import { TestServiceError, TestServiceErrorCode } from './errors.ts';
import { freePort } from './free-port.ts';
import { waitUntil } from '@perp/retry';

/**
 * Moto's server: a local implementation of AWS APIs that have no official emulator, used here
 * for Secrets Manager (real wire protocol, real error shapes, versions and staging labels).
 */
export interface MotoInstance {
  /** Endpoint for any AWS SDK client, e.g. `new SecretsManagerClient({ endpoint })`. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

const PYTHON = process.env['MOTO_PYTHON'] ?? 'python3';

/** Starts `python3 -m moto.server` on a free port; resolves once it answers. */
export async function startMoto(options: { startTimeoutMs?: number } = {}): Promise<MotoInstance> {
  const port = await freePort();
  const child = spawn(PYTHON, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const failure = startupFailure(child);
  killOnExit(child);
  const errors = captureTail(child.stderr);
  captureTail(child.stdout);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(
      async () => {
        const response = await fetch(`${endpoint}/moto-api/`, {
          signal: AbortSignal.timeout(1_000),
        });
        return response.ok;
      },
      { timeoutMs: options.startTimeoutMs ?? 20_000, intervalMs: 100, abortIf: failure },
    );
    return { endpoint, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    const missing = /No module named/.test(errors());
    throw new TestServiceError(
      missing ? TestServiceErrorCode.MotoNotFound : TestServiceErrorCode.MotoStartFailed,
      missing
        ? `moto is not installed for ${PYTHON}: pip install 'moto[server]' (or set MOTO_PYTHON)`
        : `moto did not start: ${(error as Error).message}\n${errors()}`.trim(),
      { cause: error },
    );
  }
}
