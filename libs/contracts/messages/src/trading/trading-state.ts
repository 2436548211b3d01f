import { InstrumentStatuses, TradingStateScopes, TradingStates } from '@perp/trading-domain';
import { z } from 'zod';

/** Active: everything passes. Halted: only cancels pass. Reducing: only orders that reduce a position. */
export const TradingState = z.enum(TradingStates);
export type TradingState = z.infer<typeof TradingState>;

/** Where a trading state applies; the strictest of global, account and symbol wins. */
export const TradingStateScope = z.enum(TradingStateScopes);
export type TradingStateScope = z.infer<typeof TradingStateScope>;

/**
 * Lifecycle of an instrument as public.instruments reports it: its effective symbol-level state
 * (`trading` is the wire word for `active`) plus `delisted`.
 */
export const InstrumentStatus = z.enum(InstrumentStatuses);
export type InstrumentStatus = z.infer<typeof InstrumentStatus>;
