export {
  ConfigStore,
  DEFAULT_RISK_LIMITS,
  TradingStateTable,
  type TradingStateScope,
} from './config-store.ts';
export { documentClient } from './document-client.ts';
export { newOrderId, orderIdForCommand } from './order-id.ts';
export type {
  AccountBalance,
  ClientOrderClaim,
  CommandRecord,
  FillRecord,
  Versioned,
} from './records.ts';
export { RetryableStoreError, isRetryableAwsError } from './store-errors.ts';
export {
  TradingStore,
  type CommitConflict,
  type CommitOutcome,
  type PageOptions,
  type TradingChange,
} from './trading-store.ts';
