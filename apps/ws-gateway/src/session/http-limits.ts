import type { Server } from 'node:http';

export interface HttpLimits {
  /** How long a client may take to send its whole request (the upgrade's headers included). */
  readonly requestTimeoutMs: number;
  /** The request line and headers together, in bytes; more is answered 431. */
  readonly maxHeaderBytes: number;
}

/**
 * Bounds what an HTTP request (the WebSocket upgrade is one) may cost before the gateway sees
 * it. Node applies `headersTimeout` to any request whose headers are not complete, upgrades
 * included: a client that dribbles its headers (slowloris) gets 408 and is closed. Once the
 * upgrade event fires the socket leaves the HTTP server's timeout tracking, so an open
 * WebSocket is never cut by these. Node reads `maxHeaderSize` per new connection, so setting it
 * on the server works for every later one. Set before `listen`: the timeout check's interval is
 * fixed when the server starts listening.
 */
export function applyHttpLimits(server: Server, limits: HttpLimits): void {
  server.headersTimeout = limits.requestTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  // Both are createServer options that @types/node does not declare as properties.
  const settable = server as Server & {
    maxHeaderSize?: number;
    connectionsCheckingInterval?: number;
  };
  settable.maxHeaderSize = limits.maxHeaderBytes;
  // Node checks the timeouts every 30 s by default; check often enough that a cut comes within
  // about a quarter of the timeout after it (one pass over the connections still being read).
  settable.connectionsCheckingInterval = Math.max(
    50,
    Math.min(30_000, Math.floor(limits.requestTimeoutMs / 4)),
  );
}
