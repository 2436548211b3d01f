import type { CommandQueueing } from '../commands/command-queueing.ts';
import type { AccountReaders } from '@perp/account-views';
import type { MethodTable } from '../rpc/method-handler.ts';
import { accountGet, fillsList, positionsList } from './account-queries.ts';
import { adminAccountCreate, adminDeposit, adminTradingStateSet } from './admin-methods.ts';
import { authLogin, type LoginContext } from './auth-login.ts';
import { orderCancel, orderCancelAll } from './order-cancel.ts';
import { orderPlace, type OrderPlaceContext } from './order-place.ts';
import { orderGet, ordersHistory, ordersOpen } from './order-queries.ts';
import { publicBook, publicInstruments, publicPing, publicTime } from './public-methods.ts';
import {
  sessionCancelOnDisconnect,
  subscribe,
  unsubscribe,
  type SessionServices,
} from './session-methods.ts';
import { telegramLink, type TelegramLinkContext } from './telegram-link.ts';

/** What the method handlers use, together; each handler is typed with its own share of it. */
export type MethodContext = AccountReaders &
  CommandQueueing &
  OrderPlaceContext &
  LoginContext &
  SessionServices &
  TelegramLinkContext;

export const METHODS: MethodTable<MethodContext> = {
  'public.ping': publicPing,
  'public.time': publicTime,
  'public.instruments': publicInstruments,
  'public.book': publicBook,
  'auth.login': authLogin,
  subscribe,
  unsubscribe,
  'order.place': orderPlace,
  'order.cancel': orderCancel,
  'order.cancelAll': orderCancelAll,
  'order.get': orderGet,
  'orders.open': ordersOpen,
  'orders.history': ordersHistory,
  'fills.list': fillsList,
  'positions.list': positionsList,
  'account.get': accountGet,
  'telegram.link': telegramLink,
  'session.cancelOnDisconnect': sessionCancelOnDisconnect,
  'admin.account.create': adminAccountCreate,
  'admin.deposit': adminDeposit,
  'admin.tradingState.set': adminTradingStateSet,
};

/** Methods that count against the account's order request limit. */
export const ORDER_METHODS: ReadonlySet<string> = new Set([
  'order.place',
  'order.cancel',
  'order.cancelAll',
]);
