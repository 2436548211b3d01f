import { z } from 'zod';
import { Channel } from '../subscriptions/channel.ts';
import { ChannelList } from './subscribe.ts';

export const UnsubscribeParams = z.strictObject({ channels: ChannelList });
export type UnsubscribeParams = z.infer<typeof UnsubscribeParams>;

export const UnsubscribeResult = z.strictObject({ unsubscribed: z.array(Channel) });
export type UnsubscribeResult = z.infer<typeof UnsubscribeResult>;
