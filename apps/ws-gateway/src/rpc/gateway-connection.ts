import type { JsonRpcNotification } from '@perp/contracts';
import type { Principal } from '@perp/auth';

/**
 * One client socket as the services behind the gateway see it (subscriptions, cancel on
 * disconnect). Stable for the socket's life; `principal` changes only by logging in.
 */
export interface GatewayConnection {
  /** Unique across gateway replicas and restarts. */
  readonly connectionId: string;
  /** Who logged in on this socket; undefined before. Check `expiresAt` before trusting it. */
  readonly principal: Principal | undefined;
  readonly isOpen: boolean;
  /** Bytes written but not yet sent, to spot a slow consumer. */
  readonly bufferedAmount: number;
  /** Sends one server notification as one text frame; false when the socket is no longer open. */
  notify(notification: JsonRpcNotification): boolean;
  /** Closes the socket (e.g. 1008 for a slow consumer); the gateway's close handling follows. */
  close(code: number, reason: string): void;
}
