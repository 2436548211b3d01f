import { Decimal, Rounding } from '@perp/decimal';
import type { InstrumentSymbol } from '@perp/trading-domain';
import type { ReferencePrice, ReferenceSource } from './reference-source.ts';

export type ReferenceVerdict =
  | { readonly usable: true; readonly reference: ReferencePrice; readonly ageMs: number }
  | {
      readonly usable: false;
      readonly reason: 'missing' | 'stale' | 'disagree';
      readonly ageMs?: number;
    };

export interface ReferenceGuardOptions {
  /** The first is the price quoted around; a second only has to agree with it. */
  readonly sources: readonly ReferenceSource[];
  readonly staleAfterMs: number;
  /** Largest distance between two sources, in basis points of the first. */
  readonly bandBps: Decimal;
}

const BPS = Decimal.fromInt(10_000);

/**
 * Decides whether a symbol's reference may be quoted around: every source must have a price newer
 * than the staleness limit, and a second source must agree with the first within the band. A
 * quote around a frozen or disputed price is how a market maker gets picked off.
 */
export class ReferenceGuard {
  readonly #options: ReferenceGuardOptions;

  constructor(options: ReferenceGuardOptions) {
    if (options.sources.length === 0) throw new Error('a reference guard needs a source');
    this.#options = options;
  }

  judge(symbol: InstrumentSymbol, now: number): ReferenceVerdict {
    const { sources, staleAfterMs, bandBps } = this.#options;
    const prices = sources.map((source) => source.latest(symbol));
    const [first, ...others] = prices;
    if (first === undefined || others.some((price) => price === undefined))
      return { usable: false, reason: 'missing' };
    const ageMs = Math.max(...prices.map((price) => now - (price as ReferencePrice).observedAt));
    if (ageMs > staleAfterMs) return { usable: false, reason: 'stale', ageMs };
    for (const other of others as ReferencePrice[]) {
      const distanceBps = other.price.sub(first.price).abs().mulDiv(BPS, first.price, Rounding.Up);
      if (distanceBps.gt(bandBps)) return { usable: false, reason: 'disagree', ageMs };
    }
    return { usable: true, reference: first, ageMs: Math.max(0, now - first.observedAt) };
  }
}
