export {
  allowedSides,
  SideWithheldReasons,
  type AllowedSides,
  type AllowedSidesInput,
  type SideDecision,
  type SideWithheldReason,
} from './allowed-sides.ts';
export { computeQuotes, type QuoteInputs } from './compute-quotes.ts';
export type { DesiredQuote } from './desired-quote.ts';
export { halfSpread } from './half-spread.ts';
export { ladderSizes, type LadderSizeSpec } from './ladder-sizes.ts';
export {
  killSwitch,
  KillSwitchReasons,
  utcDayOf,
  type KillSwitchInput,
  type KillSwitchReason,
} from './kill-switch.ts';
export { MarketMakingError, type MarketMakingErrorCode } from './market-making-error.ts';
export {
  planRequote,
  type RequoteInput,
  type RequotePlan,
  type RestingQuote,
} from './plan-requote.ts';
export {
  parseQuoteClientOrderId,
  quoteClientOrderId,
  type QuoteClientOrderIdSpec,
  type QuoteSlotId,
} from './quote-client-order-id.ts';
export type { QuoteInstrument } from './quote-instrument.ts';
export {
  quoteLadders,
  type LadderPrice,
  type LadderSpec,
  type QuoteLadders,
} from './quote-ladder.ts';
export {
  defineQuoteParams,
  InvalidQuoteParamsError,
  QuoteParamFields,
  validateQuoteParams,
  type QuoteParamField,
  type QuoteParams,
  type QuoteParamsProblem,
} from './quote-params.ts';
export {
  inventoryRisk,
  reservationPrice,
  type ReservationPriceInput,
} from './reservation-price.ts';
export { inventoryRatio, sideBudget, type SideBudgetInput } from './side-budget.ts';
export { VarianceWindow, type VarianceWindowOptions } from './variance-window.ts';
