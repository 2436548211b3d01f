import type { ParseResult } from './result.ts';

declare const brand: unique symbol;
/** A string that passed its grammar; only the parse functions below produce one. */
type Brand<Name extends string> = string & { readonly [brand]: Name };

export type AccountId = Brand<'AccountId'>;
export type ClientOrderId = Brand<'ClientOrderId'>;
export type OrderId = Brand<'OrderId'>;
export type VenueOrderId = Brand<'VenueOrderId'>;
export type TradeId = Brand<'TradeId'>;
export type CommandId = Brand<'CommandId'>;
/** An instrument symbol such as `BTC-PERP`. Not called `Symbol`: that would shadow the JS global. */
export type InstrumentSymbol = Brand<'InstrumentSymbol'>;
/** An asset code such as `BTC` or `USD`. */
export type AssetCode = Brand<'AssetCode'>;

export type IdentifierKind =
  | 'AccountId'
  | 'ClientOrderId'
  | 'OrderId'
  | 'VenueOrderId'
  | 'TradeId'
  | 'CommandId'
  | 'InstrumentSymbol'
  | 'AssetCode';

export class InvalidIdentifierError extends Error {
  readonly code = 'INVALID_IDENTIFIER';
  readonly kind: IdentifierKind;

  constructor(kind: IdentifierKind, expected: string) {
    super(`${kind} ${expected}`);
    this.name = 'InvalidIdentifierError';
    this.kind = kind;
  }
}

// The same grammars as the wire contracts (libs/contracts/messages): narrow character sets keep
// ids safe as SQS group and dedup ids, DynamoDB keys, Redis keys and log fields without escaping.
const grammars = {
  AccountId: [/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -'],
  ClientOrderId: [/^[A-Za-z0-9_-]{1,36}$/, 'must be 1 to 36 characters of A-Z, a-z, 0-9, _ or -'],
  OrderId: [/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -'],
  // Venue and trade ids are in the venue's format; only printable ASCII is required.
  VenueOrderId: [/^[\x21-\x7e]{1,128}$/, 'must be 1 to 128 printable ASCII characters'],
  TradeId: [/^[\x21-\x7e]{1,128}$/, 'must be 1 to 128 printable ASCII characters'],
  CommandId: [
    /^[A-Za-z0-9_.:-]{1,128}$/,
    'must be 1 to 128 characters of A-Z, a-z, 0-9, _, ., : or -',
  ],
  InstrumentSymbol: [
    /^[A-Z0-9]{1,16}(?:-[A-Z0-9]{1,16}){1,2}$/,
    'must be a symbol such as "BTC-PERP"',
  ],
  AssetCode: [/^[A-Z0-9]{1,16}$/, 'must be an asset code such as "BTC"'],
} as const satisfies Record<IdentifierKind, readonly [RegExp, string]>;

function parser<T extends string>(kind: IdentifierKind) {
  const [grammar, expected] = grammars[kind];
  return (raw: unknown): ParseResult<T, InvalidIdentifierError> =>
    typeof raw === 'string' && grammar.test(raw)
      ? { ok: true, value: raw as T }
      : { ok: false, error: new InvalidIdentifierError(kind, expected) };
}

export const parseAccountId = parser<AccountId>('AccountId');
export const parseClientOrderId = parser<ClientOrderId>('ClientOrderId');
export const parseOrderId = parser<OrderId>('OrderId');
export const parseVenueOrderId = parser<VenueOrderId>('VenueOrderId');
export const parseTradeId = parser<TradeId>('TradeId');
export const parseCommandId = parser<CommandId>('CommandId');
export const parseInstrumentSymbol = parser<InstrumentSymbol>('InstrumentSymbol');
export const parseAssetCode = parser<AssetCode>('AssetCode');
