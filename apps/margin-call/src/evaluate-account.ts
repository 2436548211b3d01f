import type { Decimal } from '@perp/decimal';
import type { HeldExposure } from '@perp/margin-calls';
import {
  computeAccountMargin,
  type AccountId,
  type AccountMargin,
  type Instrument,
  type InstrumentSymbol,
  type MarketContext,
  type Position,
} from '@perp/trading-domain';
import type { MarkBook, SkipReason } from './marks.ts';

/** A held position with its whole instrument: what sizes and prices its reduce orders. */
export type ListedExposure = HeldExposure & { readonly instrument: Instrument };

export type Evaluation =
  | {
      readonly ok: true;
      readonly accountId: AccountId;
      readonly margin: AccountMargin;
      readonly exposures: readonly ListedExposure[];
    }
  | {
      readonly ok: false;
      readonly accountId: AccountId;
      readonly reason: SkipReason;
      readonly detail: string;
    };

/**
 * An account's equity and maintenance margin at the venue's marks (the domain's formula, as the
 * OMS and the gateway compute it). Open orders change neither, so they are not read.
 */
export async function evaluateAccount(
  accountId: AccountId,
  collateral: Decimal,
  positions: readonly Position[],
  marks: MarkBook,
  fresh = false,
): Promise<Evaluation> {
  const held = positions.filter((p) => !p.quantity.isZero());
  const markets = new Map<InstrumentSymbol, MarketContext>();
  const exposures: ListedExposure[] = [];
  for (const position of held) {
    const result = await (fresh ? marks.refresh(position.symbol) : marks.get(position.symbol));
    if (!result.ok) return { ok: false, accountId, reason: result.reason, detail: result.detail };
    markets.set(position.symbol, { instrument: result.instrument, mark: result.mark });
    exposures.push({ position, mark: result.mark, instrument: result.instrument });
  }
  const margin = computeAccountMargin({ collateral, positions: held, openOrders: [], markets });
  return { ok: true, accountId, margin, exposures };
}
