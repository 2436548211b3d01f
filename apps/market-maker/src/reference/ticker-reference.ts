import { Decimal } from '@perp/decimal';
import type { Ticker } from '@perp/contracts';
import { parseInstrumentSymbol, unwrap, type InstrumentSymbol } from '@perp/trading-domain';
import type { ReferenceListener, ReferencePrice, ReferenceSource } from './reference-source.ts';

/**
 * The venue's mark price, as the gateway's `ticker.SYMBOL` channel sends it. The trading session
 * feeds it every ticker it receives; a ticker without a mark (none yet) is not a price.
 */
export class TickerReference implements ReferenceSource {
  readonly name = 'ticker';
  readonly #latest = new Map<InstrumentSymbol, ReferencePrice>();
  readonly #listeners = new Set<ReferenceListener>();

  /** The channels the session must hold for these symbols. */
  static channels(symbols: readonly InstrumentSymbol[]) {
    return symbols.map((symbol) => `ticker.${symbol}` as const);
  }

  latest(symbol: InstrumentSymbol): ReferencePrice | undefined {
    return this.#latest.get(symbol);
  }

  onPrice(listener: ReferenceListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** One ticker from the gateway. */
  observe(ticker: Ticker): void {
    if (ticker.markPrice === null) return;
    // The contract's schema checked the symbol already.
    const symbol = unwrap(parseInstrumentSymbol(ticker.symbol));
    const previous = this.#latest.get(symbol);
    if (previous !== undefined && previous.observedAt > ticker.ts) return;
    const price: ReferencePrice = {
      symbol,
      price: Decimal.parse(ticker.markPrice),
      observedAt: ticker.ts,
      source: this.name,
    };
    this.#latest.set(symbol, price);
    for (const listener of this.#listeners) listener(price);
  }

  async start(): Promise<void> {
    // Fed by the trading session's ticker channels: nothing of its own to open.
  }

  async stop(): Promise<void> {
    this.#latest.clear();
  }
}
