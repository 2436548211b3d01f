import { z } from 'zod';
import { SessionShutdownNotification } from './session-shutdown.ts';
import { SubscriptionNotification } from './subscription-notification.ts';

/** Every notification the server sends on a trader's socket. */
export const ServerNotification = z.union([SubscriptionNotification, SessionShutdownNotification]);
export type ServerNotification = z.infer<typeof ServerNotification>;
