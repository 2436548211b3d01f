import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { sessionShutdownNotification } from '@perp/contracts';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import { bearerToken } from '../auth/bearer.ts';
import { AuthError, type Principal, type TokenVerifier } from '@perp/auth';
import type { Logger } from '@perp/logger';
import type { GatewayMetrics } from '../metrics.ts';
import type { GatewayConnection } from '../rpc/gateway-connection.ts';
import type { AccountConnections } from './account-connections.ts';
import {
  ANONYMOUS_LIMIT_RETRY_MS,
  anonymousLimitMessage,
  type AnonymousSockets,
} from './anonymous-sockets.ts';
import { clientIp } from './client-ip.ts';
import { ClientConnection } from './client-connection.ts';
import type { RawData } from 'ws';
import type { ConnectionRegistry } from './connection-registry.ts';
import { CONNECTION_LIMIT_RETRY_MS, connectionLimitMessage } from './connection-slots.ts';

export const WS_PATH = '/v1/ws';
/** ws-api.md: larger frames close the connection with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** What takes the frames a socket receives (the JSON-RPC layer above the session). */
export interface FrameHandler {
  handle(connection: ClientConnection, data: RawData, isBinary: boolean): void;
}

/** A service that holds something per socket and lets go of it when the socket closes. */
export interface CloseListener {
  onClose(connection: GatewayConnection): void | Promise<void>;
}

/** What the endpoint uses: the token check and connection slots at the upgrade, close handling. */
export interface EndpointContext {
  readonly verifier: TokenVerifier;
  readonly accountConnections: AccountConnections;
  readonly subscriptions: CloseListener;
  readonly cancelOnDisconnect: CloseListener;
  readonly logger: Logger;
  readonly clock: () => number;
}

export interface WebSocketEndpointOptions {
  readonly app: FastifyInstance;
  readonly ctx: EndpointContext;
  readonly registry: ConnectionRegistry;
  readonly handler: FrameHandler;
  readonly metrics: GatewayMetrics;
  readonly requestsPerSecond: number;
  readonly requestBurst: number;
  readonly newConnectionId: () => string;
  /** Unauthenticated sockets per client IP (this process); beyond it the upgrade gets 429. */
  readonly anonymousSockets: AnonymousSockets;
  /** Proxies in front of the gateway that append to X-Forwarded-For (the ALB: 1). */
  readonly trustedProxyHops: number;
}

/**
 * `ws://HOST:PORT/v1/ws` on the fastify server's port. The upgrade request may carry
 * `Authorization: Bearer <jwt>`: a token that does not verify gets HTTP 401 and no socket, an
 * account with all its connections open gets 429. Without the header the socket opens
 * unauthenticated and may call auth.login; an address with all its unauthenticated sockets open
 * (`anonymousSockets`) gets 429.
 */
export class WebSocketEndpoint {
  readonly #options: WebSocketEndpointOptions;
  readonly #server: WebSocketServer;
  #accepting = true;

  constructor(options: WebSocketEndpointOptions) {
    this.#options = options;
    this.#server = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
    options.app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      void this.#upgrade(request, socket, head);
    });
    // A plain GET of the endpoint is told what it is.
    options.app.get(WS_PATH, async (_request, reply) =>
      reply.code(426).header('upgrade', 'websocket').send({ message: 'WebSocket endpoint' }),
    );
  }

  /**
   * Stops taking sockets, tells every open one to reconnect later (`session.shutdown`) and closes
   * it with 1001; resolves when all have closed (those that do not answer the close handshake
   * within `timeoutMs` are dropped).
   */
  async shutdown(reconnectAfterMs: () => number, timeoutMs: number): Promise<void> {
    this.#accepting = false;
    const open = this.#options.registry.all();
    for (const connection of open) {
      connection.notify(sessionShutdownNotification(reconnectAfterMs()));
      connection.close(1001, 'server shutting down');
    }
    const closed = Promise.all(open.map((connection) => connection.closed));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs);
    });
    if ((await Promise.race([closed, late])) === 'late') {
      for (const connection of this.#options.registry.all()) connection.terminate();
      await closed;
    }
    clearTimeout(timer);
    this.#server.close();
  }

  async #upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const { ctx } = this.#options;
    socket.on('error', () => undefined);
    const path = new URL(request.url ?? '/', 'http://gateway').pathname;
    if (path !== WS_PATH) return refuse(socket, 404, 'Not Found', { message: 'no such endpoint' });
    if (!this.#accepting)
      return refuse(socket, 503, 'Service Unavailable', { message: 'shutting down; reconnect' });
    const token = bearerToken(request.headers.authorization);
    if (token === null)
      return refuse(socket, 401, 'Unauthorized', { code: 10001, message: 'expected Bearer token' });
    let anonymousIp: string | undefined;
    if (token === undefined) {
      // Checked here and counted in #open with no await between (ws completes the handshake
      // synchronously), so a burst of upgrades cannot slip past the limit.
      const { anonymousSockets, trustedProxyHops } = this.#options;
      anonymousIp = clientIp(
        {
          remoteAddress: request.socket.remoteAddress,
          forwardedFor: request.headers['x-forwarded-for'],
        },
        trustedProxyHops,
      );
      if (!anonymousSockets.hasRoom(anonymousIp)) {
        ctx.logger.debug({ ip: anonymousIp }, 'too many unauthenticated sockets from one address');
        return refuse(
          socket,
          429,
          'Too Many Requests',
          { code: 10003, message: anonymousLimitMessage(anonymousSockets.max) },
          { 'Retry-After': String(Math.ceil(ANONYMOUS_LIMIT_RETRY_MS / 1000)) },
        );
      }
    }
    const connectionId = this.#options.newConnectionId();
    let principal: Principal | undefined;
    if (token !== undefined) {
      try {
        principal = await ctx.verifier.verify(token);
      } catch (error) {
        if (!(error instanceof AuthError) || error.retryable) {
          ctx.logger.warn({ err: error }, 'upgrade token could not be verified');
          return refuse(socket, 503, 'Service Unavailable', { message: 'retry later' });
        }
        return refuse(socket, 401, 'Unauthorized', { code: 10001, message: error.code });
      }
      let taken: boolean;
      try {
        taken = await ctx.accountConnections.acquire(principal.accountId, connectionId);
      } catch (error) {
        ctx.logger.warn({ err: error }, 'connection slots unavailable');
        return refuse(socket, 503, 'Service Unavailable', { message: 'retry later' });
      }
      if (!taken) {
        return refuse(
          socket,
          429,
          'Too Many Requests',
          {
            code: 10003,
            message: connectionLimitMessage(ctx.accountConnections.maxPerAccount),
          },
          { 'Retry-After': String(Math.ceil(CONNECTION_LIMIT_RETRY_MS / 1000)) },
        );
      }
    }
    if (socket.destroyed || !this.#accepting) {
      if (principal) await this.#release(principal.accountId, connectionId);
      if (!socket.destroyed) refuse(socket, 503, 'Service Unavailable', { message: 'retry later' });
      return;
    }
    this.#server.handleUpgrade(request, socket, head, (ws) =>
      this.#open(ws, connectionId, principal, anonymousIp),
    );
  }

  #open(
    ws: WebSocket,
    connectionId: string,
    principal: Principal | undefined,
    anonymousIp: string | undefined,
  ): void {
    const { ctx, registry, metrics, handler, anonymousSockets } = this.#options;
    // Taken here, where the socket exists, so a handshake that ws refuses never holds a count.
    const releaseAnonymous =
      anonymousIp === undefined ? undefined : anonymousSockets.take(anonymousIp);
    const connection = new ClientConnection({
      connectionId,
      socket: ws,
      logger: ctx.logger.child({
        connectionId,
        ...(principal ? { accountId: principal.accountId } : {}),
      }),
      clock: ctx.clock,
      requestsPerSecond: this.#options.requestsPerSecond,
      requestBurst: this.#options.requestBurst,
      ...(principal ? { principal } : {}),
      ...(releaseAnonymous ? { onAuthenticated: releaseAnonymous } : {}),
    });
    registry.add(connection);
    metrics.connections.inc();
    connection.logger.debug('connection opened');
    ws.on('message', (data, isBinary) => handler.handle(connection, data, isBinary));
    ws.on('pong', () => connection.touch());
    // Oversized frames, invalid UTF-8: ws closes the socket itself (1009, 1007).
    ws.on('error', (error) => connection.logger.info({ err: error }, 'socket error'));
    ws.on('close', (code) => {
      releaseAnonymous?.();
      void this.#onClose(connection, code);
    });
  }

  async #onClose(connection: ClientConnection, code: number): Promise<void> {
    const { ctx, registry, metrics } = this.#options;
    registry.delete(connection);
    metrics.connections.dec();
    connection.logger.debug({ code }, 'connection closed');
    const accountId = connection.principal?.accountId;
    await Promise.all([
      accountId === undefined ? undefined : this.#release(accountId, connection.connectionId),
      guarded(connection, 'subscriptions', () => ctx.subscriptions.onClose(connection)),
      guarded(connection, 'cancel on disconnect', () => ctx.cancelOnDisconnect.onClose(connection)),
    ]);
    connection.markClosed();
  }

  async #release(accountId: string, connectionId: string): Promise<void> {
    try {
      await this.#options.ctx.accountConnections.release(accountId, connectionId);
    } catch (error) {
      // Its lease runs out instead.
      this.#options.ctx.logger.warn(
        { err: error, accountId },
        'could not release a connection slot',
      );
    }
  }
}

async function guarded(
  connection: ClientConnection,
  what: string,
  work: () => void | Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    connection.logger.error({ err: error }, `${what}: close handling failed`);
  }
}

function refuse(
  socket: Duplex,
  status: number,
  text: string,
  body: object,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  const lines = [
    `HTTP/1.1 ${status} ${text}`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(payload)}`,
    ...(status === 401 ? ['WWW-Authenticate: Bearer error="invalid_token"'] : []),
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${payload}`);
}
