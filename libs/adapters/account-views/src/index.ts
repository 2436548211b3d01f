// What an account looks like to its owner, read from the OMS's trading store at the venue's marks:
// the gateway's account methods and channels, and the notifier's /status, answer from here.
export type { AccountReaders, TradingReads } from './account-readers.ts';
export { readAccountSnapshot, readPositions } from './account-views.ts';
export { readTradeFill } from './fill-views.ts';
export {
  InstrumentCatalog,
  type CatalogEntry,
  type InstrumentCatalogOptions,
} from './instrument-catalog.ts';
export { SimMarketData, type MarketData, type SimMarketDataOptions } from './market-data.ts';
export { lastReportSeq, readOpenOrders } from './order-views.ts';
