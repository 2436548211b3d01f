export { ConfigStore, DEFAULT_RISK_LIMITS, TradingStateTable } from './config-store.ts';
export { documentClient } from './document-client.ts';
export { CorruptItemError } from './item-fields.ts';
export type { CommandRecord, Versioned } from './records.ts';
export { RetryableStoreError } from './store-errors.ts';
export {
  TradingStore,
  type CommitConflict,
  type CommitOutcome,
  type PageOptions,
  type TradingChange,
} from './trading-store.ts';
