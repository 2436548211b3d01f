import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { workspaceRoot } from '../stack-config.ts';

const run = promisify(execFile);

/** A token from the stack's issuer, minted the way a developer does (`npm run token`). */
export async function mintToken(
  dataDir: string,
  identityPort: string,
  accountId: string,
): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--conditions=@perp/source', 'tools/identity/src/token-cli.ts', '--account', accountId],
    {
      cwd: workspaceRoot,
      env: {
        ...process.env,
        IDENTITY_DATA_DIR: join(dataDir, 'identity'),
        IDENTITY_PORT: identityPort,
      },
    },
  );
  return stdout.trim();
}

/** One JSON-RPC call over a fresh authenticated socket to the stack's gateway. */
export async function callGateway(
  gatewayPort: string,
  token: string,
  method: string,
  params: object = {},
): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
  const socket = new WebSocket(`ws://127.0.0.1:${gatewayPort}/v1/ws`, {
    headers: { authorization: `Bearer ${token}` },
  });
  try {
    await once(socket, 'open');
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }));
    const [data] = (await once(socket, 'message')) as [Buffer];
    return JSON.parse(data.toString()) as {
      result?: unknown;
      error?: { code: number; message: string };
    };
  } finally {
    socket.close();
  }
}
