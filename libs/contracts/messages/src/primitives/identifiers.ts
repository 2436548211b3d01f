import { z } from 'zod';
import { unlessMissing } from './issue-message.ts';

// Identifier grammars. The narrow character sets keep ids safe as SQS message group and
// deduplication ids, DynamoDB keys, Redis stream keys and log fields without escaping.

const pattern = (re: RegExp, message: string) =>
  z.string({ error: unlessMissing(message) }).regex(re, { error: message });

/** The trader's own order id: 1 to 36 of [A-Za-z0-9_-], unique per account (a UUID fits). */
export const ClientOrderId = pattern(
  /^[A-Za-z0-9_-]{1,36}$/,
  'must be 1 to 36 characters of A-Z, a-z, 0-9, _ or -',
);
export type ClientOrderId = z.infer<typeof ClientOrderId>;

/** An operator's own id for one deposit: a retried admin.deposit with it credits once. */
export const DepositId = pattern(
  /^[A-Za-z0-9_-]{1,36}$/,
  'must be 1 to 36 characters of A-Z, a-z, 0-9, _ or -',
);
export type DepositId = z.infer<typeof DepositId>;

/** The platform's order id, assigned by the OMS. */
export const OrderId = pattern(
  /^[A-Za-z0-9_-]{1,64}$/,
  'must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -',
);
export type OrderId = z.infer<typeof OrderId>;

/** The venue's id for our order; its format is the venue's, so only printable ASCII is required. */
export const VenueOrderId = pattern(
  /^[\x21-\x7e]{1,128}$/,
  'must be 1 to 128 printable ASCII characters',
);
export type VenueOrderId = z.infer<typeof VenueOrderId>;

/** A trade (match) id as the venue reports it; both sides of a match share it. */
export const TradeId = pattern(
  /^[\x21-\x7e]{1,128}$/,
  'must be 1 to 128 printable ASCII characters',
);
export type TradeId = z.infer<typeof TradeId>;

/** Account id (JWT claim `custom:account_id`, else `sub`: a UUID for Cognito). Also the SQS message group. */
export const AccountId = pattern(
  /^[A-Za-z0-9_-]{1,64}$/,
  'must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -',
);
export type AccountId = z.infer<typeof AccountId>;

/**
 * Id of one queued command; the SQS deduplication id of every command but order.place. Producers
 * that may resend the same fact (venue connector, margin-call job) derive it deterministically.
 */
export const CommandId = pattern(
  /^[A-Za-z0-9_.:-]{1,128}$/,
  'must be 1 to 128 characters of A-Z, a-z, 0-9, _, ., : or -',
);
export type CommandId = z.infer<typeof CommandId>;

/** Correlates logs of one request across gateway, queue, OMS and venue (a W3C trace id fits). */
export const TraceId = pattern(
  /^[A-Za-z0-9_.:-]{1,128}$/,
  'must be 1 to 128 characters of A-Z, a-z, 0-9, _, ., : or -',
);
export type TraceId = z.infer<typeof TraceId>;

/** Which venue an order was routed to, e.g. `sim`, `hyperliquid`, `binance`, `lnmarkets`. */
export const VenueName = pattern(
  /^[a-z][a-z0-9-]{0,31}$/,
  'must be 1 to 32 characters of a-z, 0-9 or -, starting with a letter',
);
export type VenueName = z.infer<typeof VenueName>;
