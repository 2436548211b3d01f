import { Decimal } from '@perp/decimal';

/**
 * How one symbol is quoted: the grid (levels, spacing, minimum spread), the sizes (base size,
 * geometric taper, notional budget) and the inventory model (Avellaneda–Stoikov risk aversion and
 * horizon, target and hard limit). Loaded from configuration and checked once with
 * `validateQuoteParams` or `defineQuoteParams`.
 */
export interface QuoteParams {
  /** Orders per side, an integer ≥ 1; level 0 is the innermost. */
  readonly levels: number;
  /**
   * Minimum full bid–ask spread of the innermost levels, in basis points of the reference
   * (10 = 0.1 %); the half spread is never below reference × this / 20000. ≥ 0.
   */
  readonly minSpreadBps: Decimal;
  /** Distance between consecutive levels of one side, in ticks, an integer ≥ 1. */
  readonly levelSpacingTicks: number;
  /** Size of level 0 before the budget and position caps, in base units (e.g. BTC). > 0. */
  readonly baseSize: Decimal;
  /** Ratio in (0, 1]: level i's size is baseSize × sizeTaper^i (1 = flat ladder). */
  readonly sizeTaper: Decimal;
  /** Capital the bot may quote with, in the quote currency (USD). > 0. */
  readonly floatAmount: Decimal;
  /**
   * Ratio in (0, 1] of the float put on the book: floatAmount × activeRatio is the notional
   * budget, half for the bids and half for the asks.
   */
  readonly activeRatio: Decimal;
  /** Avellaneda–Stoikov risk aversion γ, per quote-currency unit (1/USD). ≥ 0; 0 ignores inventory. */
  readonly riskAversion: Decimal;
  /** Avellaneda–Stoikov horizon T, in seconds. > 0. */
  readonly horizonSeconds: Decimal;
  /** Position the bot steers towards, signed, in base units (0 = flat). |target| < maxPosition. */
  readonly inventoryTarget: Decimal;
  /** Largest absolute position, in base units. > 0. A full fill of one side never exceeds it. */
  readonly maxPosition: Decimal;
}

export const QuoteParamFields = [
  'levels',
  'minSpreadBps',
  'levelSpacingTicks',
  'baseSize',
  'sizeTaper',
  'floatAmount',
  'activeRatio',
  'riskAversion',
  'horizonSeconds',
  'inventoryTarget',
  'maxPosition',
] as const satisfies readonly (keyof QuoteParams)[];
export type QuoteParamField = (typeof QuoteParamFields)[number];

/** One thing wrong with a parameter set, naming the field so configuration can point at it. */
export interface QuoteParamsProblem {
  readonly field: QuoteParamField;
  /** Completes "<field> …", e.g. "must be in (0, 1]". */
  readonly reason: string;
}

export class InvalidQuoteParamsError extends Error {
  readonly code = 'QUOTE_PARAMS_INVALID';
  readonly problems: readonly QuoteParamsProblem[];

  constructor(problems: readonly QuoteParamsProblem[]) {
    super(`quote params are invalid: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`);
    this.name = 'InvalidQuoteParamsError';
    this.problems = problems;
  }
}

// Beyond any sensible ladder, and keeps level numbers short in client order ids.
const MAX_LEVELS = 100;

/** Every problem at once (empty when the set is usable), so a config error is fixed in one go. */
export function validateQuoteParams(params: QuoteParams): readonly QuoteParamsProblem[] {
  const problems: QuoteParamsProblem[] = [];
  const check = (field: QuoteParamField, ok: boolean, reason: string) => {
    if (!ok) problems.push({ field, reason });
  };
  const isDecimal = (value: unknown): value is Decimal => value instanceof Decimal;
  const decimal = (field: QuoteParamField, test: (value: Decimal) => boolean, reason: string) => {
    const value: unknown = params[field];
    if (!isDecimal(value)) problems.push({ field, reason: 'must be a Decimal' });
    else check(field, test(value), reason);
  };
  const int = (field: 'levels' | 'levelSpacingTicks', max: number) =>
    check(
      field,
      Number.isSafeInteger(params[field]) && params[field] >= 1 && params[field] <= max,
      `must be an integer from 1 to ${max}`,
    );
  const ratio = (value: Decimal) => value.isPositive() && value.lte(Decimal.ONE);

  int('levels', MAX_LEVELS);
  int('levelSpacingTicks', Number.MAX_SAFE_INTEGER);
  decimal('minSpreadBps', (v) => !v.isNegative(), 'must be at least 0');
  decimal('baseSize', (v) => v.isPositive(), 'must be positive');
  decimal('sizeTaper', ratio, 'must be in (0, 1]');
  decimal('floatAmount', (v) => v.isPositive(), 'must be positive');
  decimal('activeRatio', ratio, 'must be in (0, 1]');
  decimal('riskAversion', (v) => !v.isNegative(), 'must be at least 0');
  decimal('horizonSeconds', (v) => v.isPositive(), 'must be positive');
  decimal('maxPosition', (v) => v.isPositive(), 'must be positive');
  // The target must leave room to both sides, or the inventory skew could never reach it.
  const { maxPosition } = params;
  const limit = isDecimal(maxPosition) && maxPosition.isPositive() ? maxPosition : undefined;
  decimal(
    'inventoryTarget',
    (v) => limit === undefined || v.abs().lt(limit),
    'must be within (-maxPosition, maxPosition)',
  );
  return problems;
}

/** The params, frozen, or `InvalidQuoteParamsError` listing every problem. */
export function defineQuoteParams(params: QuoteParams): QuoteParams {
  const problems = validateQuoteParams(params);
  if (problems.length > 0) throw new InvalidQuoteParamsError(problems);
  return Object.freeze({ ...params });
}
