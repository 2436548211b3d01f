import type { AccountFeed } from '@perp/feeds';
import type { Logger } from '@perp/logger';
import type { CommandId } from '@perp/trading-domain';
import type { ConfigStore, TradingStore } from '@perp/trading-store';
import type { TokenVerifier } from '@perp/auth';
import type { CommandSender } from './commands/command-sender.ts';
import type { KnownAccounts } from './commands/known-accounts.ts';
import type { PlacedOrders } from './commands/placed-orders.ts';
import type { InstrumentCatalog } from './market/instrument-catalog.ts';
import type { MarketData } from './market/market-data.ts';
import type { AccountOrderLimiter } from './rate-limit/account-order-limiter.ts';
import type { AccountConnections } from './session/account-connections.ts';
import type {
  CancelOnDisconnectService,
  SubscriptionService,
} from './subscriptions/subscription-service.ts';

/** Everything a method handler uses; built once in app.ts. */
export interface GatewayContext {
  readonly store: TradingStore;
  readonly config: ConfigStore;
  readonly instruments: InstrumentCatalog;
  readonly market: MarketData;
  readonly commands: CommandSender;
  readonly placedOrders: PlacedOrders;
  /** Accounts seen to exist (order.place reads an account's balance only the first time). */
  readonly knownAccounts: KnownAccounts;
  readonly orderLimiter: AccountOrderLimiter;
  readonly accountConnections: AccountConnections;
  readonly verifier: TokenVerifier;
  readonly subscriptions: SubscriptionService;
  readonly cancelOnDisconnect: CancelOnDisconnectService;
  /** The account reports, for order.place's respType "result". */
  readonly reports: Pick<AccountFeed, 'awaitFirstReport'>;
  /** How long respType "result" waits for the first report before 10008 (ws-api.md: 5 s). */
  readonly orderResultTimeoutMs: number;
  readonly logger: Logger;
  readonly clock: () => number;
  readonly newCommandId: () => CommandId;
}
