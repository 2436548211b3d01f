export { ConfigStore, DEFAULT_RISK_LIMITS, TradingStateTable } from './config-store.ts';
// Seeding for benchmarks and tests (the OMS's items, written in bulk); not for the OMS itself.
export { bulkWriteAccounts, type BulkWriteOptions, type SeedAccount } from './bulk-seed.ts';
export { documentClient } from './document-client.ts';
export {
  HeldPositionsReader,
  type HeldAccount,
  type HeldAccountsOptions,
} from './held-positions.ts';
export { CorruptItemError } from './item-fields.ts';
export { HELD_POSITION_SHARDS } from './keys.ts';
export type { CommandRecord, Versioned } from './records.ts';
export { RetryableStoreError } from './store-errors.ts';
export {
  TradingStore,
  type CommitConflict,
  type CommitOutcome,
  type PageOptions,
  type TradingChange,
} from './trading-store.ts';
export { backfillHeldPositions, backfillInFlightOrders } from './index-backfill.ts';
