import type { z } from 'zod';
import { AccountSnapshot } from '../events/account-snapshot.ts';
import { BookSnapshot } from '../events/book.ts';
import { Order } from '../events/order.ts';
import type { AuthLevel } from '../trading/roles.ts';
import { TradingStateChange } from '../trading/trading-state-change.ts';
import { TelegramLinkResult } from '../notifier/link-code.ts';
import { AdminAccountCreateParams } from './admin-account-create.ts';
import { AdminDepositParams } from './admin-deposit.ts';
import { AuthLoginParams, AuthLoginResult } from './auth-login.ts';
import { CommandAck } from './command-ack.ts';
import { FillsListParams, FillsListResult } from './fills-list.ts';
import { NoParams } from './no-params.ts';
import { OrderCancelAllParams } from './order-cancel-all.ts';
import { OrderCancelParams, OrderCancelResult } from './order-cancel.ts';
import { OrderGetParams } from './order-get.ts';
import { OrderPlaceParams, OrderPlaceResult } from './order-place.ts';
import { OrdersHistoryParams, OrdersHistoryResult } from './orders-history.ts';
import { OrdersOpenParams, OrdersOpenResult } from './orders-open.ts';
import { PositionsListResult } from './positions-list.ts';
import { PublicBookParams } from './public-book.ts';
import { PublicInstrumentsResult } from './public-instruments.ts';
import { PublicPingResult } from './public-ping.ts';
import { PublicTimeResult } from './public-time.ts';
import {
  SessionCancelOnDisconnectParams,
  SessionCancelOnDisconnectResult,
} from './session-cancel-on-disconnect.ts';
import { SubscribeParams, SubscribeResult } from './subscribe.ts';
import { UnsubscribeParams, UnsubscribeResult } from './unsubscribe.ts';

export interface RpcMethodSpec {
  readonly params: z.ZodType;
  readonly result: z.ZodType;
  readonly auth: AuthLevel;
}

/**
 * Every method of ws-api.md: what it takes, what it answers and who may call it. The gateway
 * dispatches from this table; a method missing here does not exist (-32601).
 */
export const RpcMethods = {
  'public.ping': { params: NoParams, result: PublicPingResult, auth: 'public' },
  'public.time': { params: NoParams, result: PublicTimeResult, auth: 'public' },
  'public.instruments': { params: NoParams, result: PublicInstrumentsResult, auth: 'public' },
  'public.book': { params: PublicBookParams, result: BookSnapshot, auth: 'public' },
  'auth.login': { params: AuthLoginParams, result: AuthLoginResult, auth: 'public' },
  subscribe: { params: SubscribeParams, result: SubscribeResult, auth: 'read' },
  unsubscribe: { params: UnsubscribeParams, result: UnsubscribeResult, auth: 'read' },
  'order.place': { params: OrderPlaceParams, result: OrderPlaceResult, auth: 'trade' },
  'order.cancel': { params: OrderCancelParams, result: OrderCancelResult, auth: 'trade' },
  'order.cancelAll': { params: OrderCancelAllParams, result: CommandAck, auth: 'trade' },
  'order.get': { params: OrderGetParams, result: Order, auth: 'read' },
  'orders.open': { params: OrdersOpenParams, result: OrdersOpenResult, auth: 'read' },
  'orders.history': { params: OrdersHistoryParams, result: OrdersHistoryResult, auth: 'read' },
  'fills.list': { params: FillsListParams, result: FillsListResult, auth: 'read' },
  'positions.list': { params: NoParams, result: PositionsListResult, auth: 'read' },
  'account.get': { params: NoParams, result: AccountSnapshot, auth: 'read' },
  // Cancel-on-disconnect cancels orders, so it needs the right to trade.
  'session.cancelOnDisconnect': {
    params: SessionCancelOnDisconnectParams,
    result: SessionCancelOnDisconnectResult,
    auth: 'trade',
  },
  // Any authenticated role may link its account's Telegram chat.
  'telegram.link': { params: NoParams, result: TelegramLinkResult, auth: 'read' },
  'admin.account.create': { params: AdminAccountCreateParams, result: CommandAck, auth: 'admin' },
  'admin.deposit': { params: AdminDepositParams, result: CommandAck, auth: 'admin' },
  'admin.tradingState.set': { params: TradingStateChange, result: CommandAck, auth: 'admin' },
} as const satisfies Record<string, RpcMethodSpec>;

export type RpcMethodName = keyof typeof RpcMethods;
/** Params after validation (defaults applied). */
export type RpcParams<M extends RpcMethodName> = z.output<(typeof RpcMethods)[M]['params']>;
/** Params as a client may send them (defaulted fields optional). */
export type RpcParamsInput<M extends RpcMethodName> = z.input<(typeof RpcMethods)[M]['params']>;
/** What the server answers. */
export type RpcResult<M extends RpcMethodName> = z.output<(typeof RpcMethods)[M]['result']>;

export const RPC_METHOD_NAMES = Object.keys(RpcMethods) as RpcMethodName[];

export function isRpcMethod(method: string): method is RpcMethodName {
  return Object.hasOwn(RpcMethods, method);
}
