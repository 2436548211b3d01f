import type { Logger } from '@perp/logger';
import type { ReportPublisher } from '@perp/redis-adapter';
import type { ConfigStore, TradingStore } from '@perp/trading-store';
import type { ConfigCache } from './config-cache.ts';
import type { InstrumentCache } from './instrument-cache.ts';
import type { MarketCache } from './market-cache.ts';
import type { RecentOrders } from './recent-orders.ts';
import type { VenueRouter } from './venue-router.ts';

/** Everything a command handler uses; built once in app.ts. */
export interface OmsContext {
  readonly store: TradingStore;
  readonly config: ConfigStore;
  /** Risk limits and trading states as pre-trade risk reads them (briefly cached). */
  readonly riskConfig: ConfigCache;
  /** The venue accounts this OMS trades: where each order goes, and went. */
  readonly venues: VenueRouter;
  readonly publisher: ReportPublisher;
  readonly instruments: InstrumentCache;
  readonly markets: MarketCache;
  /** What this process committed lately (client order ids' orders, answers the venue repeats). */
  readonly recent: RecentOrders;
  readonly logger: Logger;
  readonly clock: () => number;
  /** How long an order may await the venue before reconciliation asks (see RECONCILE_GRACE_MS). */
  readonly reconcileGraceMs: number;
}
