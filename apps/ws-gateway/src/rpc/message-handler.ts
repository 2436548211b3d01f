import { RpcErrorCode, rpcError, rpcFailure, type JsonRpcResponse } from '@perp/contracts';
import type { RawData } from 'ws';
import type { GatewayMetrics } from '../metrics.ts';
import type { DispatchContext, Dispatcher } from './dispatcher.ts';
import { binaryFrameError, parseFrame } from './frame.ts';
import type { RpcConnection } from './rpc-connection.ts';

/** Frames over the connection's budget are parsed for their id only up to this size. */
export const RATE_LIMITED_PARSE_LIMIT = 4_096;

/** The dispatcher as the frame handling needs it, whatever its handlers' context. */
type RequestDispatcher = Pick<Dispatcher<DispatchContext>, 'dispatch'>;

/**
 * Every frame a client sends gets exactly one answer. Frames that are no request, and requests
 * over the connection's budget, are answered at once; requests are answered in the order they
 * came, one after the other (see `RpcConnection.enqueue`).
 */
export class MessageHandler {
  readonly #dispatcher: RequestDispatcher;
  readonly #metrics: GatewayMetrics;

  constructor(options: { dispatcher: RequestDispatcher; metrics: GatewayMetrics }) {
    this.#dispatcher = options.dispatcher;
    this.#metrics = options.metrics;
  }

  handle(connection: RpcConnection, data: RawData, isBinary: boolean): void {
    connection.touch();
    const budget = connection.requests.take();
    if (!budget.allowed) {
      // Over budget the answer needs only the id: a large frame is not parsed to find it, so a
      // flood costs its sender, not the gateway.
      const text = isBinary ? undefined : rawText(data);
      const parsed =
        text !== undefined && text.length <= RATE_LIMITED_PARSE_LIMIT
          ? parseFrame(text)
          : undefined;
      const id = parsed === undefined ? null : parsed.ok ? parsed.request.id : parsed.id;
      this.#metrics.messages.inc({ method: parsed?.ok ? 'rate_limited' : 'invalid' });
      this.send(
        connection,
        rpcFailure(
          id,
          rpcError(
            RpcErrorCode.RateLimited,
            { retryAfterMs: budget.retryAfterMs },
            'Rate limited: too many requests on this connection',
          ),
        ),
      );
      return;
    }
    const parsed = isBinary ? undefined : parseFrame(rawText(data));
    if (parsed === undefined || !parsed.ok) {
      this.#metrics.messages.inc({ method: 'invalid' });
      this.send(connection, rpcFailure(parsed?.id ?? null, parsed?.error ?? binaryFrameError()));
      return;
    }
    const request = parsed.request;
    connection.enqueue(async () => {
      const { response, afterReply } = await this.#dispatcher.dispatch(connection, request);
      this.send(connection, response);
      for (const work of afterReply) await work();
    });
  }

  send(connection: RpcConnection, response: JsonRpcResponse): void {
    if ('error' in response) this.#metrics.errors.inc({ code: String(response.error.code) });
    connection.respond(response);
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
