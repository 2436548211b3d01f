export {
  ClientCredentialsTokens,
  TokenEndpointError,
  type ClientCredentialsOptions,
} from './client-credentials.ts';
export { ConnectionError, UpgradeRefused } from './connection-error.ts';
export { RpcError } from './rpc-error.ts';
export {
  DEFAULT_REQUEST_TIMEOUT_MS,
  RpcSocket,
  type Closed,
  type RequestOptions,
  type RpcAnswer,
  type RpcSocketOptions,
  type ServerNotice,
} from './rpc-socket.ts';
export {
  DEFAULT_PING_INTERVAL_MS,
  DEFAULT_RECONNECT,
  TraderClient,
  type ChannelNotification,
  type ClientState,
  type ReconnectPolicy,
  type TokenSource,
  type TraderClientOptions,
} from './trader-client.ts';
export { tokenExpiresAtMs } from './token-expiry.ts';
