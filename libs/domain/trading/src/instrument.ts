import { Decimal } from '@perp/decimal';
import type { AssetCode, InstrumentSymbol } from './identifiers.ts';

/**
 * Listing lifecycle of an instrument: `trading` takes new orders, `reducing` only orders that
 * reduce a position (wind-down before a delisting), `halted` and `delisted` none. Separate from
 * the operator's trading states, which can halt any scope at any time.
 */
export const InstrumentStatuses = ['trading', 'reducing', 'halted', 'delisted'] as const;
export type InstrumentStatus = (typeof InstrumentStatuses)[number];

/**
 * How a contract's quantity reads: `linear`, in the base asset (0.01 BTC: notional = quantity x
 * price); `inverse`, in contracts worth one unit of the quote asset each (100 USD of BTC, as LN
 * Markets trades it: notional = quantity, whatever the price, and the position is worth
 * quantity / price of the base asset).
 */
export const ContractTypes = ['linear', 'inverse'] as const;
export type ContractType = (typeof ContractTypes)[number];

/** A perpetual quoted and margined in the quote asset (USD): linear or inverse. */
export interface Instrument {
  readonly symbol: InstrumentSymbol;
  readonly contractType: ContractType;
  readonly baseAsset: AssetCode;
  readonly quoteAsset: AssetCode;
  /** Every limit price is a multiple of it. */
  readonly tickSize: Decimal;
  /** Every quantity is a multiple of it. */
  readonly lotSize: Decimal;
  readonly minQuantity: Decimal;
  readonly maxQuantity: Decimal;
  /** Largest quantity x price of one order, in the quote asset. */
  readonly maxNotional: Decimal;
  /** Fraction of notional held as initial margin, e.g. 0.1 for 10x. */
  readonly initialMarginRate: Decimal;
  /** Fraction of notional below which the position is liquidated; at most the initial rate. */
  readonly maintenanceMarginRate: Decimal;
  /** Limit prices must lie within mark x (1 -/+ this), e.g. 0.05 for 5 %. */
  readonly priceBandRate: Decimal;
  readonly status: InstrumentStatus;
}

export class InvalidInstrumentError extends Error {
  readonly code = 'INSTRUMENT_INVALID';
  readonly problems: readonly string[];

  constructor(symbol: string, problems: readonly string[]) {
    super(`instrument ${symbol} is invalid: ${problems.join('; ')}`);
    this.name = 'InvalidInstrumentError';
    this.problems = problems;
  }
}

/**
 * Checks an instrument's internal consistency and returns it frozen. Throws
 * `InvalidInstrumentError` with every problem at once (instruments come from configuration).
 */
export function defineInstrument(
  input: Omit<Instrument, 'contractType'> & { readonly contractType?: ContractType },
): Instrument {
  const spec: Instrument = { ...input, contractType: input.contractType ?? 'linear' };
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const { tickSize, lotSize, minQuantity, maxQuantity, maxNotional } = spec;
  const { initialMarginRate: imr, maintenanceMarginRate: mmr, priceBandRate } = spec;
  check(tickSize.isPositive(), 'tickSize must be positive');
  check(lotSize.isPositive(), 'lotSize must be positive');
  check(minQuantity.isPositive(), 'minQuantity must be positive');
  check(maxQuantity.gte(minQuantity), 'maxQuantity must be at least minQuantity');
  check(maxNotional.isPositive(), 'maxNotional must be positive');
  if (lotSize.isPositive()) {
    check(minQuantity.isMultipleOf(lotSize), 'minQuantity must be a multiple of lotSize');
    check(maxQuantity.isMultipleOf(lotSize), 'maxQuantity must be a multiple of lotSize');
  }
  // Then every quantity x price is exact at 18 digits, so notionals and fills never round.
  check(
    tickSize.decimalPlaces() + lotSize.decimalPlaces() <= Decimal.SCALE,
    `tickSize and lotSize together may have at most ${Decimal.SCALE} decimal places`,
  );
  check(imr.isPositive() && imr.lte(Decimal.ONE), 'initialMarginRate must be in (0, 1]');
  check(
    mmr.isPositive() && mmr.lte(imr),
    'maintenanceMarginRate must be in (0, initialMarginRate]',
  );
  check(
    priceBandRate.isPositive() && priceBandRate.lt(Decimal.ONE),
    'priceBandRate must be in (0, 1)',
  );
  check(
    ContractTypes.includes(spec.contractType),
    `contractType must be one of ${ContractTypes.join(', ')}`,
  );
  // An inverse contract is one unit of the quote asset: there is no fraction of one.
  if (spec.contractType === 'inverse')
    check(
      lotSize.isMultipleOf(Decimal.ONE),
      'lotSize must be a whole number of contracts for an inverse instrument',
    );
  check(
    InstrumentStatuses.includes(spec.status),
    `status must be one of ${InstrumentStatuses.join(', ')}`,
  );
  if (problems.length > 0) throw new InvalidInstrumentError(spec.symbol, problems);
  return Object.freeze({ ...spec });
}
