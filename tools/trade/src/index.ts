export {
  DEFAULT_URL,
  parseCommandLine,
  USAGE,
  UsageError,
  type Command,
  type Invocation,
} from './args.ts';
export { ConnectionError, RpcClient, RpcError, type Notification } from './rpc-client.ts';
