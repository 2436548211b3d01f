// The few HTTP chores the stand-in and the web chat share, on plain node:http.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** The request body, or undefined once it exceeds `limitBytes` (the rest is not read). */
export async function readBody(
  request: IncomingMessage,
  limitBytes: number,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return;
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  response.end(payload);
}

/** Resolves with the bound port once listening. */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return address.port;
}

/**
 * Stops accepting and waits for the connections to end: idle ones (grammY keeps them alive) at
 * once, busy ones when their answer is out, stragglers after `graceMs`.
 */
export async function close(server: Server, graceMs = 250): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const straggler = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(straggler);
}
