import type { ParseResult } from './result.ts';

declare const brand: unique symbol;
/** A string that passed its grammar; only the parse functions below (and the wire contracts, which check the same grammar) produce one. */
type Brand<Name extends string> = string & { readonly [brand]: Name };

export type AccountId = Brand<'AccountId'>;
/** The trader's own id for an order, unique per account. */
export type ClientOrderId = Brand<'ClientOrderId'>;
/** The platform's id for an order, assigned by the OMS; the venue's client order id. */
export type OrderId = Brand<'OrderId'>;
/** The venue's own id for our order, in the venue's format. */
export type VenueOrderId = Brand<'VenueOrderId'>;
/** A trade (match) as the venue reports it; both sides of a match share it. */
export type TradeId = Brand<'TradeId'>;
/** One queued command; producers that may resend the same fact derive it deterministically. */
export type CommandId = Brand<'CommandId'>;
/** An operator's own id for one deposit: a retried deposit with it credits once. */
export type DepositId = Brand<'DepositId'>;
/** Correlates the logs of one request across gateway, queue, OMS and venue. */
export type TraceId = Brand<'TraceId'>;
/** Which venue an order is routed to, e.g. `sim`, `hyperliquid`, `binance`, `lnmarkets`. */
export type VenueName = Brand<'VenueName'>;
/** The operator's name for one account at a venue (`main`, `mm`, `bot-alice`): its keys' name. */
export type VenueAccountName = Brand<'VenueAccountName'>;
/** An instrument symbol such as `BTC-PERP`. Not called `Symbol`: that would shadow the JS global. */
export type InstrumentSymbol = Brand<'InstrumentSymbol'>;
/** An asset code such as `BTC` or `USD`. */
export type AssetCode = Brand<'AssetCode'>;

/** Every identifier type by its name. */
export interface Identifiers {
  readonly AccountId: AccountId;
  readonly ClientOrderId: ClientOrderId;
  readonly OrderId: OrderId;
  readonly VenueOrderId: VenueOrderId;
  readonly TradeId: TradeId;
  readonly CommandId: CommandId;
  readonly DepositId: DepositId;
  readonly TraceId: TraceId;
  readonly VenueName: VenueName;
  readonly VenueAccountName: VenueAccountName;
  readonly InstrumentSymbol: InstrumentSymbol;
  readonly AssetCode: AssetCode;
}
export type IdentifierKind = keyof Identifiers;

export class InvalidIdentifierError extends Error {
  readonly code = 'INVALID_IDENTIFIER';
  readonly kind: IdentifierKind;

  constructor(kind: IdentifierKind, expected: string) {
    super(`${kind} ${expected}`);
    this.name = 'InvalidIdentifierError';
    this.kind = kind;
  }
}

export interface IdentifierGrammar {
  readonly pattern: RegExp;
  /** What a valid id looks like, completing "<kind> …" (also the wire's validation message). */
  readonly expected: string;
}

const word = (max: number) => ({
  pattern: new RegExp(`^[A-Za-z0-9_-]{1,${max}}$`),
  expected: `must be 1 to ${max} characters of A-Z, a-z, 0-9, _ or -`,
});
const dotted = {
  pattern: /^[A-Za-z0-9_.:-]{1,128}$/,
  expected: 'must be 1 to 128 characters of A-Z, a-z, 0-9, _, ., : or -',
};
// Venue and trade ids are in the venue's format; only printable ASCII is required.
const printable = {
  pattern: /^[\x21-\x7e]{1,128}$/,
  expected: 'must be 1 to 128 printable ASCII characters',
};

/**
 * The one definition of every identifier's grammar; the wire contracts build their schemas from
 * it. Narrow character sets keep ids safe as SQS group and deduplication ids, DynamoDB keys, Redis
 * keys and log fields without escaping.
 */
export const IdentifierGrammars = {
  AccountId: word(64),
  ClientOrderId: word(36),
  OrderId: word(64),
  VenueOrderId: printable,
  TradeId: printable,
  CommandId: dotted,
  DepositId: word(36),
  TraceId: dotted,
  VenueName: {
    pattern: /^[a-z][a-z0-9-]{0,31}$/,
    expected: 'must be 1 to 32 characters of a-z, 0-9 or -, starting with a letter',
  },
  VenueAccountName: {
    pattern: /^[a-z0-9][a-z0-9-]{0,31}$/,
    expected: 'must be 1 to 32 characters of a-z, 0-9 or -, starting with a letter or digit',
  },
  InstrumentSymbol: {
    pattern: /^[A-Z0-9]{1,16}(?:-[A-Z0-9]{1,16}){1,2}$/,
    expected: 'must be a symbol such as "BTC-PERP"',
  },
  AssetCode: { pattern: /^[A-Z0-9]{1,16}$/, expected: 'must be an asset code such as "BTC"' },
} as const satisfies Record<IdentifierKind, IdentifierGrammar>;

/** Whether `raw` is a valid identifier of `kind`. */
export function isIdentifier<K extends IdentifierKind>(
  kind: K,
  raw: unknown,
): raw is Identifiers[K] {
  return typeof raw === 'string' && IdentifierGrammars[kind].pattern.test(raw);
}

function parser<K extends IdentifierKind>(kind: K) {
  return (raw: unknown): ParseResult<Identifiers[K], InvalidIdentifierError> =>
    isIdentifier(kind, raw)
      ? { ok: true, value: raw }
      : { ok: false, error: new InvalidIdentifierError(kind, IdentifierGrammars[kind].expected) };
}

/**
 * The identifier `raw` names, for text the program itself wrote (configuration, constants, test
 * fixtures); throws InvalidIdentifierError when it is not one. Input from outside goes through the
 * parsers or the wire schemas instead.
 */
export function identifierOf<K extends IdentifierKind>(kind: K, raw: string): Identifiers[K] {
  if (isIdentifier(kind, raw)) return raw;
  throw new InvalidIdentifierError(kind, IdentifierGrammars[kind].expected);
}

export const parseAccountId = parser('AccountId');
export const parseClientOrderId = parser('ClientOrderId');
export const parseOrderId = parser('OrderId');
export const parseVenueOrderId = parser('VenueOrderId');
export const parseTradeId = parser('TradeId');
export const parseCommandId = parser('CommandId');
export const parseDepositId = parser('DepositId');
export const parseTraceId = parser('TraceId');
export const parseVenueName = parser('VenueName');
export const parseVenueAccountName = parser('VenueAccountName');
export const parseInstrumentSymbol = parser('InstrumentSymbol');
export const parseAssetCode = parser('AssetCode');
