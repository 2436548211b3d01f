import { Decimal } from '@perp/decimal';
import { unitsQuotient } from './exact.ts';

export interface VarianceWindowOptions {
  /** How far back observations count, in ms before the newest one. > 0. */
  readonly windowMs: number;
  /** Most observations kept, ≥ 2 (default 1024); the oldest go first, so memory is bounded. */
  readonly maxSamples?: number;
}

interface Sample {
  /** Observation time, in ms. */
  readonly ts: number;
  /** The price's raw units (value × 10^18). */
  readonly units: bigint;
}

const DEFAULT_MAX_SAMPLES = 1024;
const MS_PER_SECOND = 1000n;

/**
 * Realized variance of the reference price, σ² = Σ(Δp²) / Σ(Δt) in price units² per second, over
 * consecutive observations of a sliding window — the estimator Hummingbot's Avellaneda strategy
 * feeds the model, computed exactly: squared moves are summed as bigints (36 fractional digits)
 * and divided once. A time-weighted sum, so irregular observation intervals need no resampling.
 * Time comes from the caller (the observation's own timestamp): the window reads no clock.
 */
export class VarianceWindow {
  readonly windowMs: number;
  readonly maxSamples: number;
  readonly #samples: Sample[] = [];
  /** Σ (Δunits)² over consecutive samples kept, at 10^36 per price unit². */
  #sumSquares = 0n;

  constructor(options: VarianceWindowOptions) {
    const { windowMs, maxSamples = DEFAULT_MAX_SAMPLES } = options;
    if (!Number.isSafeInteger(windowMs) || windowMs <= 0) {
      throw new RangeError(`windowMs must be a positive integer, got ${String(windowMs)}`);
    }
    if (!Number.isSafeInteger(maxSamples) || maxSamples < 2) {
      throw new RangeError(
        `maxSamples must be an integer of at least 2, got ${String(maxSamples)}`,
      );
    }
    this.windowMs = windowMs;
    this.maxSamples = maxSamples;
  }

  /** Observations currently in the window. */
  get size(): number {
    return this.#samples.length;
  }

  /**
   * Records the price observed at `ts` (ms). An observation not newer than the last one (a
   * duplicate or a late, out-of-order delivery) is ignored: it would give Δt ≤ 0. Returns
   * whether it was recorded.
   */
  add(ts: number, price: Decimal): boolean {
    if (!Number.isFinite(ts)) return false;
    const samples = this.#samples;
    const last = samples[samples.length - 1];
    if (last !== undefined && ts <= last.ts) return false;
    if (last !== undefined) this.#sumSquares += square(price.units - last.units);
    samples.push({ ts, units: price.units });
    const oldest = ts - this.windowMs;
    while (samples.length > this.maxSamples || (samples[0] as Sample).ts < oldest) {
      this.#dropOldest();
    }
    return true;
  }

  /** σ² in price units² per second; zero with fewer than two observations. Half-even. */
  variancePerSecond(): Decimal {
    const samples = this.#samples;
    const first = samples[0];
    const last = samples[samples.length - 1];
    if (first === undefined || last === undefined || last.ts <= first.ts) return Decimal.ZERO;
    // Σ Δt telescopes to last − first. units² carry 10^36: divide by 10^18 once more.
    const elapsedMs = BigInt(Math.round(last.ts - first.ts));
    if (elapsedMs === 0n) return Decimal.ZERO;
    return unitsQuotient(
      this.#sumSquares * MS_PER_SECOND,
      elapsedMs * Decimal.ONE.units,
      'half_even',
    );
  }

  #dropOldest(): void {
    const [dropped, next] = this.#samples;
    if (dropped !== undefined && next !== undefined) {
      this.#sumSquares -= square(next.units - dropped.units);
    }
    this.#samples.shift();
  }
}

function square(value: bigint): bigint {
  return value * value;
}
