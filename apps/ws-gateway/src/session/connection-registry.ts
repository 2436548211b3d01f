import type { Logger } from '@perp/logger';
import type { AccountConnections } from './account-connections.ts';
import { AUTH_DEADLINE_CLOSE, type AuthDeadline } from './auth-deadline.ts';
import type { ClientConnection } from './client-connection.ts';

export interface ConnectionRegistryOptions {
  readonly accountConnections: AccountConnections;
  readonly logger: Logger;
  readonly clock: () => number;
  /** A WebSocket ping goes to every socket this often (ws-api.md: 20 s). */
  readonly pingIntervalMs: number;
  /** A socket silent this long (no frame, no pong) is dropped (ws-api.md: 60 s). */
  readonly idleTimeoutMs: number;
  /** Connection slots are renewed this often (a third of their lease). */
  readonly leaseRenewIntervalMs: number;
  /** Closes sockets that have not logged in in time (1008 "authentication deadline"). */
  readonly authDeadline?: AuthDeadline;
}

/** The sockets this gateway holds: pings them, drops the silent, renews their account slots. */
export class ConnectionRegistry {
  readonly #options: ConnectionRegistryOptions;
  readonly #connections = new Set<ClientConnection>();
  #heartbeat: NodeJS.Timeout | undefined;
  #renewal: NodeJS.Timeout | undefined;

  constructor(options: ConnectionRegistryOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#connections.size;
  }

  all(): readonly ClientConnection[] {
    return [...this.#connections];
  }

  add(connection: ClientConnection): void {
    this.#connections.add(connection);
  }

  delete(connection: ClientConnection): void {
    this.#connections.delete(connection);
  }

  start(): void {
    const { pingIntervalMs, leaseRenewIntervalMs } = this.#options;
    // The idle and deadline checks run at least as often as a tenth of their timeouts, so a
    // short timeout (tests) is enforced promptly; pings still go out at their own interval.
    const tick = Math.max(
      50,
      Math.min(
        pingIntervalMs,
        Math.floor(this.#options.idleTimeoutMs / 10),
        Math.floor((this.#options.authDeadline?.deadlineMs ?? Infinity) / 10),
      ),
    );
    let sincePing = 0;
    this.#heartbeat = setInterval(() => {
      sincePing += tick;
      const ping = sincePing >= pingIntervalMs;
      if (ping) sincePing = 0;
      this.#checkLiveness(ping);
    }, tick);
    this.#heartbeat.unref();
    this.#renewal = setInterval(() => void this.#renewLeases(), leaseRenewIntervalMs);
    this.#renewal.unref();
  }

  stop(): void {
    clearInterval(this.#heartbeat);
    clearInterval(this.#renewal);
  }

  #checkLiveness(ping: boolean): void {
    const now = this.#options.clock();
    for (const connection of this.#connections) {
      if (now - connection.lastSeenAt >= this.#options.idleTimeoutMs) {
        connection.logger.info(
          { silentMs: now - connection.lastSeenAt },
          'dropping a silent connection',
        );
        connection.terminate();
      } else if (connection.isOpen && this.#options.authDeadline?.passed(connection, now)) {
        connection.logger.info('closing a connection that did not authenticate in time');
        connection.close(AUTH_DEADLINE_CLOSE.code, AUTH_DEADLINE_CLOSE.reason);
      } else if (ping) {
        connection.ping();
      }
    }
  }

  async #renewLeases(): Promise<void> {
    const byAccount = new Map<string, string[]>();
    for (const connection of this.#connections) {
      const accountId = connection.principal?.accountId;
      if (accountId === undefined) continue;
      const ids = byAccount.get(accountId);
      if (ids) ids.push(connection.connectionId);
      else byAccount.set(accountId, [connection.connectionId]);
    }
    try {
      await this.#options.accountConnections.renew(byAccount);
    } catch (error) {
      this.#options.logger.warn({ err: error }, 'could not renew connection slots');
    }
  }
}
