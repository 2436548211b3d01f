import { createServer, type Server } from 'node:http';
import type { JSONWebKeySet } from 'jose';

/** A real HTTP server publishing a key set the test can change (rotation) and count fetches of. */
export interface JwksServer {
  readonly url: string;
  readonly fetches: number;
  publish(jwks: JSONWebKeySet): void;
  close(): Promise<void>;
}

export async function startJwksServer(initial: JSONWebKeySet): Promise<JwksServer> {
  let jwks = initial;
  let fetches = 0;
  const server: Server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/.well-known/jwks.json`,
    get fetches() {
      return fetches;
    },
    publish(next) {
      jwks = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
