// @perp/venue-adapter: what the OMS needs of a trading venue, the simulated exchange's client and
// protocol, and the connector that turns venue events into queue commands.

export type {
  VenueCancelAnswer,
  VenueClient,
  VenueMarket,
  VenueAccountFill,
  VenueFill,
  VenueOpenOrder,
  VenueOrderRef,
  VenueOrderRequest,
  VenueOrderState,
  VenuePlaceAnswer,
  VenuePosition,
} from './venue-client.ts';
export {
  VenueCredentialsError,
  VenueCredentialsRefusedError,
  VenueCredentialsUnavailableError,
  VenueOutcomeUnknownError,
  VenueRequestError,
  VenueUnavailableError,
} from './venue-errors.ts';

// venue accounts' credentials: schemas, sources, the caching store, a client that follows rotation
export {
  CREDENTIALED_VENUES,
  BinanceCredentials,
  HyperliquidCredentials,
  LnMarketsCredentials,
  VENUE_CREDENTIALS,
  isCredentialedVenue,
  type CredentialedVenue,
  type VenueAccountRef,
  type VenueCredentials,
} from './credentials/venue-credentials.ts';
export {
  envSource,
  envVariable,
  fileSource,
  secretsManagerSource,
  type CredentialSource,
  type SecretReading,
} from './credentials/credential-sources.ts';
export {
  VenueCredentialStore,
  type ResolvedCredentials,
  type VenueCredentialStoreOptions,
} from './credentials/credential-store.ts';
export { Redacted } from './credentials/redacted.ts';
export {
  standardCredentialStore,
  type StandardCredentialsOptions,
} from './credentials/standard-sources.ts';
export {
  CredentialedVenueClient,
  type CredentialedVenueClientOptions,
} from './credentials/credentialed-venue-client.ts';

// the venue accounts a process trades, as configuration, and their clients
export { VenueAccountSettings, VenueAccountsSettings } from './accounts/venue-account-settings.ts';
export { openVenueAccount, type OpenedVenueAccount } from './accounts/venue-account-client.ts';
export {
  venueAccountFeed,
  type VenueFeed,
  type VenueFeedOpener,
} from './accounts/venue-account-feed.ts';
export {
  VenueFeedForwarder,
  type VenueFeedForwarderOptions,
} from './connector/venue-feed-forwarder.ts';

// the sim-venue's protocol (one schema source for the server and its clients)
export {
  SIM_FILLS_PAGE_MAX,
  SimCancelQuery,
  SimFillsQuery,
  SimOrderPath,
  SimOrderRequest,
  type SimOrderRequestBody,
} from './sim/protocol/order-request.ts';
export {
  SimCancelReason,
  SimCancelRejectReason,
  SimCancelRejected,
  SimExpireReason,
  SimOrderAccepted,
  SimOrderCanceled,
  SimOrderEvent,
  SimOrderExpired,
  SimOrderFill,
  SimOrderRejected,
  SimRejectReason,
  type SimOrderEventKind,
} from './sim/protocol/order-events.ts';
export {
  SimBook,
  SimErrorBody,
  SimInstrument,
  SimMarket,
  SimOrderReceipt,
  SimOrderStatus,
  SimOpenOrders,
  SimOrderFills,
  SimOrderView,
  type SimCancelReceipt,
  type SimPlaceReceipt,
} from './sim/protocol/rest-responses.ts';
export {
  SimBookData,
  SimClientRequest,
  SimControlMessage,
  SimHeartbeat,
  SimOrderMessage,
  SimPublicMessage,
  SimTickerData,
  SimTradeData,
  SimWelcome,
  type SimStreamMessage,
} from './sim/protocol/stream-messages.ts';

// the sim-venue's clients
export { SimVenueClient, type SimVenueClientOptions } from './sim/sim-venue-client.ts';
export {
  SimVenueEventStream,
  type SimVenueEventStreamLogger,
  type SimVenueEventStreamOptions,
} from './sim/sim-venue-event-stream.ts';
export { STREAM_START, type StreamPosition } from './sim/stream-position.ts';

// venue events into the orders queue
export {
  answerEventCommandId,
  venueEventCommand,
  venueFillCommand,
  venueStateCommand,
  venueRejectReason,
  type CommandContext,
  type MappedCommand,
} from './connector/venue-commands.ts';
export { VenueCursor, type VenueCursorOptions } from './connector/venue-cursor.ts';
export {
  VenueConnector,
  type CommandQueue,
  type VenueConnectorLogger,
  type VenueConnectorOptions,
} from './connector/venue-connector.ts';

// real venues, each described as data (endpoints, budgets, errors), and their signing
export {
  VenueErrorClasses,
  classifyVenueError,
  type VenueErrorClass,
  type VenueErrorRule,
  type VenueErrorVerdict,
  type VenueFailure,
} from './description/venue-error-rules.ts';
export type {
  VenueDescription,
  VenueEndpoint,
  VenueNetwork,
  VenueRateLimit,
} from './description/venue-description.ts';
export { HYPERLIQUID, type HyperliquidOperation } from './hyperliquid/description.ts';
export {
  l1ActionBytes,
  l1ActionHash,
  phantomAgent,
  signL1Action,
  type HyperliquidAction,
  type HyperliquidSignature,
  type L1ActionToSign,
} from './hyperliquid/l1-signing.ts';
export { cloidOf, orderIdOfCloid, type Cloid } from './hyperliquid/cloid.ts';
export { NonceClock, NonceClocks } from './hyperliquid/nonce-clock.ts';
export {
  priceViolation,
  roundPrice,
  sizeViolation,
  wireNumber,
  type HyperliquidAssetRules,
} from './hyperliquid/wire-numbers.ts';
export { BINANCE_USDM, type BinanceOperation } from './binance/description.ts';
export {
  BINANCE_RECV_WINDOW_MS,
  binanceQuery,
  binanceSignature,
  signedBinanceQuery,
  type BinanceParams,
} from './binance/signing.ts';
export {
  HyperliquidEventStream,
  type HyperliquidEventStreamOptions,
} from './hyperliquid/hyperliquid-event-stream.ts';
export {
  ReconnectingSocket,
  type ReconnectingSocketLogger,
  type ReconnectingSocketOptions,
} from './transport/reconnecting-socket.ts';
export {
  BinanceClient,
  BinanceListenKeyExpiredError,
  type BinanceClientOptions,
} from './binance/binance-client.ts';
export { BinanceListenKey, type BinanceListenKeyOptions } from './binance/listen-key.ts';
export {
  BinanceUserDataStream,
  type BinanceUserDataStreamOptions,
} from './binance/binance-user-data-stream.ts';
export { LN_MARKETS, type LnMarketsOperation } from './lnmarkets/description.ts';
export {
  lnMarketsHeaders,
  lnMarketsSignature,
  type LnMarketsRequestToSign,
} from './lnmarkets/signing.ts';
export {
  cancelByCloidAction,
  orderAction,
  type HyperliquidAsset,
  type OrderActionResult,
} from './hyperliquid/order-actions.ts';
export {
  cancelOutcomeOf,
  orderStateOf,
  placeAnswerOf,
  type CancelOutcome,
} from './hyperliquid/answers.ts';
export {
  HyperliquidClient,
  type HyperliquidClientOptions,
} from './hyperliquid/hyperliquid-client.ts';

// LN Markets v3
export { LN_MARKETS_PAIR } from './lnmarkets/description.ts';
export { lnMarketsStreamAuth } from './lnmarkets/signing.ts';
export { LnMarketsClient, type LnMarketsClientOptions } from './lnmarkets/lnmarkets-client.ts';
export {
  LN_MARKETS_CROSS_ORDERS,
  LnMarketsEventStream,
  type LnMarketsEventStreamOptions,
} from './lnmarkets/lnmarkets-event-stream.ts';
