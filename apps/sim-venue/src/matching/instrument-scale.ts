import type { PriceTicks, QuantityLots } from './vocabulary.ts';

// The one place where wire decimals ("61234.5") become engine integers (ticks, lots) and back.
// Exact: the decimal string is read digit by digit into a bigint, never through a float.

export type ScaleFailure = 'INVALID_DECIMAL' | 'TICK_SIZE' | 'LOT_SIZE' | 'OUT_OF_RANGE';
export type ScaleResult =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly reason: ScaleFailure };

export interface InstrumentScaleSpec {
  /** Price increment, a positive decimal string such as `"0.5"`. */
  readonly tickSize: string;
  /** Quantity increment, a positive decimal string such as `"0.001"`. */
  readonly lotSize: string;
}

/** An unsigned decimal as `units / 10^scale`. */
interface ScaledInteger {
  readonly units: bigint;
  readonly scale: number;
}

const UNSIGNED_DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const MAX_STEPS = BigInt(Number.MAX_SAFE_INTEGER);

export class InstrumentScale {
  readonly tickSize: string;
  readonly lotSize: string;
  readonly #tick: ScaledInteger;
  readonly #lot: ScaledInteger;

  constructor(spec: InstrumentScaleSpec) {
    this.#tick = parseStep('tickSize', spec.tickSize);
    this.#lot = parseStep('lotSize', spec.lotSize);
    this.tickSize = spec.tickSize;
    this.lotSize = spec.lotSize;
  }

  /** `"61234.5"` → 122469 with tick 0.5; fails if not a whole number of ticks. */
  priceToTicks(price: string): ScaleResult {
    return toSteps(price, this.#tick, 'TICK_SIZE');
  }

  ticksToPrice(ticks: PriceTicks): string {
    return fromSteps(ticks, this.#tick);
  }

  /** `"0.125"` → 125 with lot 0.001; fails if not a whole number of lots. */
  quantityToLots(quantity: string): ScaleResult {
    return toSteps(quantity, this.#lot, 'LOT_SIZE');
  }

  lotsToQuantity(lots: QuantityLots): string {
    return fromSteps(lots, this.#lot);
  }
}

function parseDecimal(text: string): ScaledInteger | undefined {
  const match = UNSIGNED_DECIMAL.exec(text);
  if (match === null) return undefined;
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  return { units: BigInt(whole + fraction), scale: fraction.length };
}

function parseStep(name: string, text: string): ScaledInteger {
  const step = parseDecimal(text);
  if (step === undefined || step.units === 0n) {
    throw new RangeError(`${name} must be a positive decimal (got "${text}")`);
  }
  return step;
}

function toSteps(text: string, step: ScaledInteger, misaligned: ScaleFailure): ScaleResult {
  const value = parseDecimal(text);
  if (value === undefined) return { ok: false, reason: 'INVALID_DECIMAL' };
  // Both at the finer of the two scales, so the division is between integers.
  const scale = Math.max(value.scale, step.scale);
  const units = value.units * 10n ** BigInt(scale - value.scale);
  const stepUnits = step.units * 10n ** BigInt(scale - step.scale);
  if (units % stepUnits !== 0n) return { ok: false, reason: misaligned };
  const steps = units / stepUnits;
  if (steps > MAX_STEPS) return { ok: false, reason: 'OUT_OF_RANGE' };
  return { ok: true, value: Number(steps) };
}

function fromSteps(steps: number, step: ScaledInteger): string {
  if (!Number.isSafeInteger(steps) || steps < 0) {
    throw new RangeError(`expected a non-negative safe integer (got ${steps})`);
  }
  const digits = (BigInt(steps) * step.units).toString().padStart(step.scale + 1, '0');
  if (step.scale === 0) return digits;
  const whole = digits.slice(0, -step.scale);
  const fraction = digits.slice(-step.scale).replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}
