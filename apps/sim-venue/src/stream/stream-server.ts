import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer } from 'ws';
import { JournalId } from '../core/journal-entry.ts';
import type { ConnectOptions, StreamHub } from './stream-hub.ts';

/** Client frames are small requests; the gateway's limit. */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

/**
 * WebSocket on the fastify server's own port: `/v1/stream` (private drop copy, `?since=` and
 * `?journalId=`) and `/v1/market` (public channels only). Any other upgrade is refused.
 */
export function attachStreamServer(app: FastifyInstance, hub: StreamHub): void {
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = connectOptions(request);
    if (typeof target === 'string') {
      refuse(socket, target);
      return;
    }
    server.handleUpgrade(request, socket, head, (ws) => hub.connect(ws, target));
  });
  app.addHook('preClose', async () => {
    hub.close();
    server.close();
  });
}

/** The connection's options, or the HTTP status line to refuse it with. */
function connectOptions(request: IncomingMessage): ConnectOptions | string {
  const url = new URL(request.url ?? '/', 'http://venue');
  const privateFeed = url.pathname === '/v1/stream';
  if (!privateFeed && url.pathname !== '/v1/market') return '404 Not Found';
  const sinceText = url.searchParams.get('since') ?? '0';
  const since = /^\d{1,15}$/.test(sinceText) ? Number(sinceText) : NaN;
  const journalId = url.searchParams.get('journalId');
  if (Number.isNaN(since) || (journalId !== null && !JournalId.safeParse(journalId).success)) {
    return '400 Bad Request';
  }
  return { privateFeed, since, journalId };
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
