import { z } from 'zod';
import { Fill } from '../events/fill.ts';
import { PublicTrade } from '../events/public-trade.ts';
import { Ticker } from '../events/ticker.ts';
import { JSONRPC_VERSION } from '../jsonrpc/framing.ts';
import {
  BookChannel,
  TickerChannel,
  TradesChannel,
  type MarketChannelKind,
  type PrivateChannel,
} from './channel.ts';
import {
  AccountChannelData,
  BookChannelData,
  OrdersChannelData,
  PositionsChannelData,
  type AccountChannelData as AccountData,
  type BookChannelData as BookData,
  type OrdersChannelData as OrdersData,
  type PositionsChannelData as PositionsData,
} from './channel-data.ts';

export const SUBSCRIPTION_METHOD = 'subscription';

const notification = <C extends z.ZodType, D extends z.ZodType>(channel: C, data: D) =>
  z.strictObject({
    jsonrpc: z.literal(JSONRPC_VERSION),
    method: z.literal(SUBSCRIPTION_METHOD),
    params: z.strictObject({ channel, data }),
  });

export const OrdersNotification = notification(z.literal('orders'), OrdersChannelData);
export const FillsNotification = notification(z.literal('fills'), Fill);
export const PositionsNotification = notification(z.literal('positions'), PositionsChannelData);
export const AccountNotification = notification(z.literal('account'), AccountChannelData);
export const BookNotification = notification(BookChannel, BookChannelData);
export const TradesNotification = notification(TradesChannel, PublicTrade);
export const TickerNotification = notification(TickerChannel, Ticker);

/** `{"jsonrpc":"2.0","method":"subscription","params":{"channel":"...","data":{...}}}`. */
export const SubscriptionNotification = z.union([
  OrdersNotification,
  FillsNotification,
  PositionsNotification,
  AccountNotification,
  BookNotification,
  TradesNotification,
  TickerNotification,
]);
export type SubscriptionNotification = z.infer<typeof SubscriptionNotification>;

/** The data type of each channel kind. */
export interface ChannelDataByKind {
  readonly orders: OrdersData;
  readonly fills: Fill;
  readonly positions: PositionsData;
  readonly account: AccountData;
  readonly book: BookData;
  readonly trades: PublicTrade;
  readonly ticker: Ticker;
}

/** The data type of a channel name (`book.BTC-PERP` → book data). */
export type ChannelDataOf<C extends string> = C extends PrivateChannel
  ? ChannelDataByKind[C]
  : C extends `${infer K extends MarketChannelKind}.${string}`
    ? ChannelDataByKind[K]
    : never;

export function subscriptionNotification<C extends string>(
  channel: C,
  data: ChannelDataOf<C>,
): { jsonrpc: '2.0'; method: 'subscription'; params: { channel: C; data: ChannelDataOf<C> } } {
  return { jsonrpc: JSONRPC_VERSION, method: SUBSCRIPTION_METHOD, params: { channel, data } };
}
