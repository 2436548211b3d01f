import { createServer } from 'node:net';

/**
 * A TCP port that was free a moment ago, for programs that cannot listen on port 0 and report
 * back (DynamoDB Local). Another process may take it before the caller binds it, so callers retry.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return address.port;
}
