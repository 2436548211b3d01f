import type { SessionCancelOnDisconnectResult } from '@perp/contracts';
import type { Logger } from '@perp/logger';
import type { CommandId } from '@perp/trading-domain';
import type { CommandSender } from '../commands/command-sender.ts';
import { failures } from '../rpc/rpc-failure.ts';
import type { GatewayConnection } from '../rpc/gateway-connection.ts';
import type { CancelOnDisconnectService, ServiceReply } from './subscription-service.ts';

export interface CancelOnDisconnectOptions {
  readonly commands: CommandSender;
  readonly logger: Logger;
  readonly clock: () => number;
  readonly newCommandId: () => CommandId;
  /** Sends tried before giving up on one close (default 3), with `retryDelayMs` doubling. */
  readonly attempts?: number;
  readonly retryDelayMs?: number;
}

/**
 * `session.cancelOnDisconnect`: while enabled, the socket's close (any close: the client's, a
 * dropped connection, a slow-consumer close, and the gateway's own shutdown too, since a client
 * that asked for it relies on it whatever the reason) queues one `order.cancelAll` of the account
 * with reason CANCEL_ON_DISCONNECT, source trader. The account is the one logged in when it was
 * enabled. Queued before the close handling ends, so a graceful shutdown sends it before it stops.
 */
export class CancelOnDisconnect implements CancelOnDisconnectService {
  readonly #options: CancelOnDisconnectOptions;
  /** Connection id → the account whose orders its close cancels. */
  readonly #enabled = new Map<string, string>();

  constructor(options: CancelOnDisconnectOptions) {
    this.#options = options;
  }

  async set(
    connection: GatewayConnection,
    enabled: boolean,
  ): Promise<ServiceReply<SessionCancelOnDisconnectResult>> {
    const accountId = connection.principal?.accountId;
    if (accountId === undefined) throw failures.notAuthenticated();
    if (enabled) this.#enabled.set(connection.connectionId, accountId);
    else this.#enabled.delete(connection.connectionId);
    return { result: { enabled } };
  }

  async onClose(connection: GatewayConnection): Promise<void> {
    const accountId = this.#enabled.get(connection.connectionId);
    if (accountId === undefined) return;
    this.#enabled.delete(connection.connectionId);
    const { commands, logger, clock, newCommandId } = this.#options;
    const commandId = newCommandId();
    const command = commands.build(
      { commandId, traceId: `cod-${commandId}`, receivedAt: clock() },
      {
        accountId,
        source: 'trader',
        type: 'order.cancelAll',
        payload: { reason: 'CANCEL_ON_DISCONNECT' },
      },
    );
    const attempts = this.#options.attempts ?? 3;
    let delay = this.#options.retryDelayMs ?? 100;
    for (let attempt = 1; ; attempt += 1) {
      try {
        // Same command id on every attempt: SQS drops a duplicate of a send that did land.
        await commands.send(command);
        logger.info(
          { accountId, commandId, connectionId: connection.connectionId },
          'cancel on disconnect queued',
        );
        return;
      } catch (error) {
        if (attempt >= attempts) {
          logger.error(
            { err: error, accountId, connectionId: connection.connectionId },
            'cancel on disconnect could not be queued',
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay *= 2;
      }
    }
  }
}
