import type { ClientConnection } from './client-connection.ts';

/** ws-api.md: a socket that has not logged in within the deadline is closed with this. */
export const AUTH_DEADLINE_CLOSE = { code: 1008, reason: 'authentication deadline' } as const;

export interface AuthDeadlineOptions {
  readonly deadlineMs: number;
  /**
   * Sockets that may stay without logging in while this holds (public market data). While it
   * holds the deadline restarts, so it runs from the moment it stops holding.
   */
  readonly exempt?: (connection: ClientConnection) => boolean;
}

/**
 * Which sockets have been unauthenticated for too long: never logged in (neither a Bearer token
 * at the upgrade nor auth.login) for `deadlineMs` since they opened, since they last asked for
 * public market data (public.book, public.instruments), or since they stopped being exempt. A socket whose token expired has logged in and is not affected (it gets 10001 instead).
 */
export class AuthDeadline {
  readonly deadlineMs: number;
  readonly #exempt: (connection: ClientConnection) => boolean;
  readonly #restartedAt = new WeakMap<ClientConnection, number>();

  constructor(options: AuthDeadlineOptions) {
    this.deadlineMs = options.deadlineMs;
    this.#exempt = options.exempt ?? (() => false);
  }

  /** True when the socket should be closed now. */
  passed(connection: ClientConnection, now: number): boolean {
    if (connection.principal !== undefined) return false;
    if (this.#exempt(connection)) {
      this.#restartedAt.set(connection, now);
      return false;
    }
    const since = Math.max(
      this.#restartedAt.get(connection) ?? connection.openedAt,
      connection.marketDataAt ?? 0,
    );
    return now - since >= this.deadlineMs;
  }
}
