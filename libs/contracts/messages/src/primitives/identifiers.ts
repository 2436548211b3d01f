import { IdentifierGrammars, type IdentifierKind, type Identifiers } from '@perp/trading-domain';
import { z } from 'zod';
import { unlessMissing } from './issue-message.ts';

/**
 * The wire schema of a domain identifier: the domain's grammar (its one definition), with the
 * domain's branded type as the parsed output. This is where a string from outside becomes an id,
 * so every parser of a contract hands out domain-typed ids and no layer after it casts.
 */
export function identifier<K extends IdentifierKind>(kind: K): z.ZodType<Identifiers[K], string> {
  // The regex is the brand's promise: a string that passes it is the domain's id.
  return identifierText(kind) as unknown as z.ZodType<Identifiers[K], string>;
}

/** The same grammar as a plain string schema, for parts of other strings (channel names). */
export function identifierText(kind: IdentifierKind): z.ZodString {
  const { pattern, expected } = IdentifierGrammars[kind];
  return z.string({ error: unlessMissing(expected) }).regex(pattern, { error: expected });
}

/** The trader's own order id: 1 to 36 of [A-Za-z0-9_-], unique per account (a UUID fits). */
export const ClientOrderId = identifier('ClientOrderId');
export type ClientOrderId = z.infer<typeof ClientOrderId>;

/** An operator's own id for one deposit: a retried admin.deposit with it credits once. */
export const DepositId = identifier('DepositId');
export type DepositId = z.infer<typeof DepositId>;

/** The platform's order id, assigned by the OMS. */
export const OrderId = identifier('OrderId');
export type OrderId = z.infer<typeof OrderId>;

/** The venue's id for our order; its format is the venue's, so only printable ASCII is required. */
export const VenueOrderId = identifier('VenueOrderId');
export type VenueOrderId = z.infer<typeof VenueOrderId>;

/** A trade (match) id as the venue reports it; both sides of a match share it. */
export const TradeId = identifier('TradeId');
export type TradeId = z.infer<typeof TradeId>;

/** Account id (JWT claim `custom:account_id`, else `sub`: a UUID for Cognito). Also the SQS message group. */
export const AccountId = identifier('AccountId');
export type AccountId = z.infer<typeof AccountId>;

/**
 * Id of one queued command; the SQS deduplication id of every command but order.place. Producers
 * that may resend the same fact (venue connector, margin-call job) derive it deterministically.
 */
export const CommandId = identifier('CommandId');
export type CommandId = z.infer<typeof CommandId>;

/** Correlates logs of one request across gateway, queue, OMS and venue (a W3C trace id fits). */
export const TraceId = identifier('TraceId');
export type TraceId = z.infer<typeof TraceId>;

/** Which venue an order was routed to, e.g. `sim`, `hyperliquid`, `binance`, `lnmarkets`. */
export const VenueName = identifier('VenueName');
export type VenueName = z.infer<typeof VenueName>;
