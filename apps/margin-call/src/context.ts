import type { Decimal } from '@perp/decimal';
import type { Logger } from '@perp/logger';
import type { RedisKeyspace, ReportPublisher } from '@perp/redis-adapter';
import type { FifoQueueProducer } from '@perp/sqs-adapter';
import type { ConfigStore, HeldPositionsReader, TradingStore } from '@perp/trading-store';
import type { VenueClient } from '@perp/venue-adapter';
import type { Redis } from 'ioredis';
import type { NotifierClient } from './notifier-client.ts';
import type { WarningLedger } from './warning-ledger.ts';

/** The rules of a run, from the configuration (as fractions, not percentages). */
export interface MarginCallSettings {
  /** Utilisation that warns (0.8). */
  readonly warning: Decimal;
  /** Every band that warns, ascending: the warning, the re-warn bands, 1. */
  readonly levels: readonly Decimal[];
  readonly cooldownMs: number;
  /** Utilisation a margin call brings an account under (0.8). */
  readonly target: Decimal;
  readonly markMaxAgeMs: number;
  readonly scanConcurrency: number;
  readonly accountConcurrency: number;
  readonly orderTimeoutMs: number;
  readonly maxReduceRounds: number;
  readonly leaseWaitMs: number;
  readonly leaseTtlMs: number;
  /** How often a call looks at the store while it waits for the OMS. */
  readonly pollMs: number;
}

/** Everything a run talks to; built once per process (app.ts), shared by every run. */
export interface MarginCallContext {
  readonly store: Pick<
    TradingStore,
    | 'getBalance'
    | 'listPositions'
    | 'listOpenOrders'
    | 'getClaim'
    | 'getOrderByClientOrderId'
    | 'getCommand'
  >;
  readonly held: Pick<HeldPositionsReader, 'accounts' | 'balances'>;
  readonly config: Pick<ConfigStore, 'listInstruments'>;
  readonly venue: Pick<VenueClient, 'market'>;
  readonly notifier: Pick<NotifierClient, 'notify'>;
  readonly ledger: WarningLedger;
  readonly publisher: Pick<ReportPublisher, 'publishEvent'>;
  readonly queue: Pick<FifoQueueProducer, 'send'>;
  readonly redis: Redis;
  readonly keys: RedisKeyspace;
  readonly logger: Logger;
  readonly clock: () => number;
  readonly settings: MarginCallSettings;
}
