import { accountGet, fillsList, positionsList } from './account-queries.ts';
import { adminAccountCreate, adminDeposit, adminTradingStateSet } from './admin-methods.ts';
import { authLogin } from './auth-login.ts';
import type { MethodTable } from './method-handler.ts';
import { orderCancel, orderCancelAll } from './order-cancel.ts';
import { orderPlace } from './order-place.ts';
import { orderGet, ordersHistory, ordersOpen } from './order-queries.ts';
import { publicBook, publicInstruments, publicPing, publicTime } from './public-methods.ts';
import { sessionCancelOnDisconnect, subscribe, unsubscribe } from './session-methods.ts';

export const METHODS: MethodTable = {
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
