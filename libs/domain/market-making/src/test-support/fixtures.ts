import { Decimal } from '@perp/decimal';
import { parseInstrumentSymbol, unwrap, type InstrumentSymbol } from '@perp/trading-domain';
import type { DesiredQuote, QuoteInstrument, QuoteParams } from '../index.ts';

export const d = (text: string): Decimal => Decimal.parse(text);

export const BTC_PERP: InstrumentSymbol = unwrap(parseInstrumentSymbol('BTC-PERP'));

/** BTC-PERP: tick 0.5, lot 0.001, quantities 0.001 to 10. */
export function btc(overrides: Partial<QuoteInstrument> = {}): QuoteInstrument {
  return {
    symbol: BTC_PERP,
    tickSize: d('0.5'),
    lotSize: d('0.001'),
    minQuantity: d('0.001'),
    maxQuantity: d('10'),
    ...overrides,
  };
}

/**
 * 3 levels 2 ticks apart, 10 bps minimum spread, sizes 0.1 / 0.05 / 0.025, no inventory term
 * (γ = 0) and a budget far above the ladder's notional, so each test switches on what it checks.
 */
export function params(overrides: Partial<QuoteParams> = {}): QuoteParams {
  return {
    levels: 3,
    minSpreadBps: d('10'),
    levelSpacingTicks: 2,
    baseSize: d('0.1'),
    sizeTaper: d('0.5'),
    floatAmount: d('100000000'),
    activeRatio: d('1'),
    riskAversion: d('0'),
    horizonSeconds: d('60'),
    inventoryTarget: d('0'),
    maxPosition: d('10'),
    ...overrides,
  };
}

export const BOTH = { buy: true, sell: true } as const;

export const bidsOf = (quotes: readonly DesiredQuote[]) => quotes.filter((q) => q.side === 'buy');
export const asksOf = (quotes: readonly DesiredQuote[]) => quotes.filter((q) => q.side === 'sell');
export const totalQuantity = (quotes: readonly DesiredQuote[]) =>
  Decimal.sum(quotes.map((q) => q.quantity));
export const notional = (quotes: readonly DesiredQuote[]) =>
  Decimal.sum(quotes.map((q) => q.price.mul(q.quantity)));
/** Prices and quantities as text, for readable equality. */
export const shown = (quotes: readonly DesiredQuote[]) =>
  quotes.map((q) => `${q.side} ${q.level} ${q.quantity.toString()} @ ${q.price.toString()}`);
