/** Operator switch per scope. Halted: only cancels pass. Reducing: only position-reducing orders. */
export const TradingStates = ['active', 'reducing', 'halted'] as const;
export type TradingState = (typeof TradingStates)[number];

/** The trading states that apply to one order; the strictest wins. */
export interface TradingStateScopes {
  readonly global: TradingState;
  readonly account: TradingState;
  readonly symbol: TradingState;
}

const STRICTNESS: Record<TradingState, number> = { active: 0, reducing: 1, halted: 2 };

export function strictestTradingState(...states: readonly TradingState[]): TradingState {
  let strictest: TradingState = 'active';
  for (const state of states) if (STRICTNESS[state] > STRICTNESS[strictest]) strictest = state;
  return strictest;
}

export function effectiveTradingState(scopes: TradingStateScopes): TradingState {
  return strictestTradingState(scopes.global, scopes.account, scopes.symbol);
}
