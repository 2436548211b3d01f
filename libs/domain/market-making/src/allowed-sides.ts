import type { Decimal } from '@perp/decimal';
import type { MarginUtilization, TradingState } from '@perp/trading-domain';

/** Which sides of the book the bot may quote right now. */
export interface AllowedSides {
  /** Bids may be placed. */
  readonly buy: boolean;
  /** Asks may be placed. */
  readonly sell: boolean;
}

/**
 * Why a side is withheld, for logs and /health: `halted` is the bot's own kill switch,
 * `trading_halted` and `reducing` are the platform's trading state, the others its own limits.
 */
export const SideWithheldReasons = [
  'halted',
  'trading_halted',
  'max_position',
  'margin_utilization',
  'reducing',
] as const;
export type SideWithheldReason = (typeof SideWithheldReasons)[number];

export interface SideDecision extends AllowedSides {
  /** The first rule (in the order above) that withheld a side; absent when both are quoted. */
  readonly reason?: SideWithheldReason;
}

export interface AllowedSidesInput {
  /** Signed position, in base units (long > 0). */
  readonly position: Decimal;
  /** Largest absolute position, in base units (> 0). */
  readonly maxPosition: Decimal;
  /** Maintenance margin / equity as a fraction, or `'infinite'` (exposure, no equity). */
  readonly marginUtilization: MarginUtilization;
  /** Utilisation at or above which only the reducing side is quoted, a fraction (e.g. 0.8). */
  readonly maxMarginUtilization: Decimal;
  /** The platform's trading state for this account and symbol (the strictest scope). */
  readonly tradingState: TradingState;
  /** The bot's kill switch holds: quote nothing. */
  readonly halted: boolean;
}

const BOTH: AllowedSides = { buy: true, sell: true };
const NONE: AllowedSides = { buy: false, sell: false };

/** Only the side whose fills shrink the position: sell when long, buy when short, none when flat. */
function reducingSide(position: Decimal): AllowedSides {
  return { buy: position.isNegative(), sell: position.isPositive() };
}

/**
 * The sides every rule allows (their intersection). Rules, strictest first: a halt (ours or the
 * platform's) quotes nothing; at the position limit only the side back towards it; at the margin
 * cap or in a reducing state only the reducing side, so the bot can still work a position off
 * with maker orders instead of leaving it.
 */
export function allowedSides(input: AllowedSidesInput): SideDecision {
  const { position, maxPosition, marginUtilization, maxMarginUtilization } = input;
  const rules: readonly (readonly [SideWithheldReason, AllowedSides])[] = [
    ['halted', input.halted ? NONE : BOTH],
    ['trading_halted', input.tradingState === 'halted' ? NONE : BOTH],
    ['max_position', { buy: position.lt(maxPosition), sell: position.gt(maxPosition.neg()) }],
    [
      'margin_utilization',
      marginUtilization === 'infinite' || marginUtilization.gte(maxMarginUtilization)
        ? reducingSide(position)
        : BOTH,
    ],
    ['reducing', input.tradingState === 'reducing' ? reducingSide(position) : BOTH],
  ];
  let buy = true;
  let sell = true;
  let reason: SideWithheldReason | undefined;
  for (const [rule, allowed] of rules) {
    const withholds = (buy && !allowed.buy) || (sell && !allowed.sell);
    if (withholds) reason ??= rule;
    buy &&= allowed.buy;
    sell &&= allowed.sell;
  }
  return reason === undefined ? { buy, sell } : { buy, sell, reason };
}
