import { z } from 'zod';
import { SequenceCursor } from '../primitives/timestamp.ts';
import { Channel } from '../subscriptions/channel.ts';

/** ws-api.md's limit: 50 subscriptions per connection, so one request never needs more. */
export const MAX_CHANNELS_PER_REQUEST = 50;

export const ChannelList = z.array(Channel).min(1).max(MAX_CHANNELS_PER_REQUEST);

/**
 * `since.orders`: the last execution report seq the client has; every later report is replayed
 * before live ones, so a reconnecting client misses nothing. It needs `orders` in `channels`.
 */
export const SubscribeParams = z
  .strictObject({
    channels: ChannelList,
    since: z.strictObject({ orders: SequenceCursor.optional() }).optional(),
  })
  .superRefine((params, ctx) => {
    if (params.since?.orders !== undefined && !params.channels.includes('orders')) {
      ctx.addIssue({
        code: 'custom',
        path: ['since', 'orders'],
        message: 'needs the orders channel in channels',
        input: params.since.orders,
      });
    }
  });
export type SubscribeParams = z.infer<typeof SubscribeParams>;

export const SubscribeResult = z.strictObject({ subscribed: z.array(Channel) });
export type SubscribeResult = z.infer<typeof SubscribeResult>;
