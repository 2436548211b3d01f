// @perp/margin-calls: the margin-call job's rules, pure: what gets an account back under a
// utilisation, the orders that carry it out, when to warn, and the ids that make a run idempotent.
export {
  byExposure,
  marginRemedy,
  type HeldExposure,
  type MarginRemedy,
  type MarginRemedyInput,
  type PositionClose,
  type RemedyOptions,
} from './margin-remedy.ts';
export { REDUCE_PRICE_BAND_SHARE, reduceOrders, type ReduceOrder } from './reduce-orders.ts';
export {
  MarginCallModes,
  RUN_ID_PATTERN,
  marginCallClientOrderId,
  marginCallCommandId,
  scheduledRunId,
  type MarginCallMode,
} from './run-ids.ts';
export {
  bandLevel,
  decideWarning,
  type LastWarning,
  type WarningDecision,
  type WarningPolicy,
} from './warning-policy.ts';
