import { z } from 'zod';
import { AccountId } from '../primitives/identifiers.ts';
import { TimestampMs } from '../primitives/timestamp.ts';

/** `POST /v1/link-codes` of the notifier's internal API, called by the gateway's telegram.link. */
export const LinkCodeRequest = z.strictObject({ accountId: AccountId });
export type LinkCodeRequest = z.infer<typeof LinkCodeRequest>;

/** The answer of telegram.link: a single-use code and the bot's deep link that sends it. */
export const TelegramLinkResult = z.strictObject({
  code: z.string().regex(/^[0-9A-Z]{10}$/),
  expiresAt: TimestampMs,
  url: z.url({ protocol: /^https?$/ }),
});
export type TelegramLinkResult = z.infer<typeof TelegramLinkResult>;
