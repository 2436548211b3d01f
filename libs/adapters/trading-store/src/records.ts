import type { CommandType, ExecutionReport } from '@perp/contracts';
import type { AccountId, CommandId } from '@perp/trading-domain';

/** A stored value with the version its conditional writes are checked against. */
export interface Versioned<T> {
  readonly value: T;
  readonly version: number;
}

/**
 * A processed command and what it produced, kept (with a TTL) to make redelivery harmless: the
 * execution reports it published, in their wire form, to publish again after a crash.
 */
export interface CommandRecord {
  readonly commandId: CommandId;
  readonly accountId: AccountId;
  readonly commandType: CommandType;
  readonly reports: readonly ExecutionReport[];
  readonly processedAt: number;
}
