import type { ConfigStore, TradingStore } from '@perp/trading-store';
import type { InstrumentCatalog } from './instrument-catalog.ts';
import type { MarketData } from './market-data.ts';

/**
 * The gateway's read-only face of the OMS's trading store: its public queries, and nothing that
 * writes (`commit`) or reads the OMS's own bookkeeping (`getCommand` and its command records).
 */
export type TradingReads = Pick<
  TradingStore,
  | 'getBalance'
  | 'getOrder'
  | 'getOrderByClientOrderId'
  | 'getClaim'
  | 'getPosition'
  | 'publishedReports'
  | 'listPositions'
  | 'listOpenOrders'
  | 'listOrders'
  | 'listFills'
>;

/** What the account views read; the query methods and the account channels share them. */
export interface AccountReaders {
  readonly store: TradingReads;
  readonly config: Pick<ConfigStore, 'getTradingStates'>;
  readonly instruments: InstrumentCatalog;
  readonly market: MarketData;
  readonly clock: () => number;
}
