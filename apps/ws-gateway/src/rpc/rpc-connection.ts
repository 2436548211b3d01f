import type { JsonRpcResponse } from '@perp/contracts';
import type { Logger } from '@perp/logger';
import type { Principal } from '@perp/auth';
import type { GatewayConnection } from './gateway-connection.ts';

/** A token bucket's answer: go ahead, or wait `retryAfterMs` (10003's data). */
export type BudgetTake =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/**
 * A client socket as the JSON-RPC layer sees it: what it reads frames from and answers on, and
 * what method handlers (and, as a GatewayConnection, the services behind them) may use. The
 * session's ClientConnection is the one implementation; the RPC layer owns the interface so it
 * needs nothing from session/.
 */
export interface RpcConnection extends GatewayConnection {
  /** Logs with the connection id, and the account once logged in. */
  readonly logger: Logger;
  /** The connection's own request budget (ws-api.md: 50 per second, burst 100). */
  readonly requests: { take(): BudgetTake };
  /** The principal while its token is valid; undefined before login and after expiry. */
  activePrincipal(): Principal | undefined;
  /** Binds the socket to a principal (login, or a refreshed token of the same account). */
  authenticate(principal: Principal): void;
  /** Anything from the client (a frame, a pong) proves it is alive. */
  touch(): void;
  /** The socket asked for public market data: an anonymous one may stay (the auth deadline restarts). */
  readMarketData(): void;
  respond(response: JsonRpcResponse): boolean;
  /** Runs `work` after every request received before it has been answered (arrival order). */
  enqueue(work: () => Promise<void>): void;
}
