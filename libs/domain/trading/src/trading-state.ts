/** Operator switch per scope. Halted: only cancels pass. Reducing: only position-reducing orders. */
export const TradingStates = ['active', 'halted', 'reducing'] as const;
export type TradingState = (typeof TradingStates)[number];

/** Where a trading state applies; the strictest of global, account and symbol wins. */
export const TradingStateScopes = ['global', 'account', 'symbol'] as const;
export type TradingStateScope = (typeof TradingStateScopes)[number];

/** The trading states that apply to one order, one per scope; the strictest wins. */
export type ScopedTradingStates = Readonly<Record<TradingStateScope, TradingState>>;

const STRICTNESS: Record<TradingState, number> = { active: 0, reducing: 1, halted: 2 };

export function strictestTradingState(...states: readonly TradingState[]): TradingState {
  let strictest: TradingState = 'active';
  for (const state of states) if (STRICTNESS[state] > STRICTNESS[strictest]) strictest = state;
  return strictest;
}

export function effectiveTradingState(scopes: ScopedTradingStates): TradingState {
  return strictestTradingState(scopes.global, scopes.account, scopes.symbol);
}
