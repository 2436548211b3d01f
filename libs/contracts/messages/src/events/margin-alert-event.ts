import { z } from 'zod';
import { AccountId } from '../primitives/identifiers.ts';
import { DedupeKey, MarginAlertData } from '../notifier/notification-request.ts';

/**
 * A margin warning or margin call the margin-call job raised, on the events stream (entry type
 * `margin_alert`) for consumers other than the notifier, which the job tells through its API.
 * `dedupeKey` names the alert (as it does at the notifier): a warning sent again after an outage
 * appears again with the same key, and consumers drop the repeat by it.
 */
export const MarginAlertEvent = z.strictObject({
  type: z.enum(['marginWarning', 'marginCall']),
  accountId: AccountId,
  runId: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
  dedupeKey: DedupeKey,
  data: MarginAlertData,
});
export type MarginAlertEvent = z.infer<typeof MarginAlertEvent>;
