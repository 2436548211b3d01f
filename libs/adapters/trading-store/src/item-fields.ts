// Reading the attributes of an item this adapter wrote. Each reader checks what it reads (an id's
// grammar, an enum's values, a decimal's syntax), so a corrupted or foreign item fails loudly here
// with the attribute's name instead of travelling on as a wrong value.
import { Decimal } from '@perp/decimal';
import {
  InvalidIdentifierError,
  isIdentifier,
  type IdentifierKind,
  type Identifiers,
} from '@perp/trading-domain';

export type Item = Record<string, unknown>;

export class CorruptItemError extends Error {
  readonly code = 'CORRUPT_ITEM';
  constructor(attribute: string, problem: string, options?: ErrorOptions) {
    super(`stored item attribute ${attribute} ${problem}`, options);
    this.name = 'CorruptItemError';
  }
}

const absent = (value: unknown): value is null | undefined => value === null || value === undefined;

export function readText(item: Item, attribute: string): string {
  const value = item[attribute];
  if (typeof value !== 'string') throw new CorruptItemError(attribute, 'is not a string');
  return value;
}

export function readTextOrNull(item: Item, attribute: string): string | null {
  return absent(item[attribute]) ? null : readText(item, attribute);
}

export function readNumber(item: Item, attribute: string): number {
  const value = Number(item[attribute]);
  if (!Number.isFinite(value)) throw new CorruptItemError(attribute, 'is not a number');
  return value;
}

export function readNumberOrNull(item: Item, attribute: string): number | null {
  return absent(item[attribute]) ? null : readNumber(item, attribute);
}

export function readDecimal(item: Item, attribute: string): Decimal {
  try {
    return Decimal.parse(readText(item, attribute));
  } catch (error) {
    throw new CorruptItemError(attribute, 'is not a decimal', { cause: error });
  }
}

export function readDecimalOrNull(item: Item, attribute: string): Decimal | null {
  return absent(item[attribute]) ? null : readDecimal(item, attribute);
}

export function readId<K extends IdentifierKind>(
  item: Item,
  attribute: string,
  kind: K,
): Identifiers[K] {
  const value = item[attribute];
  if (isIdentifier(kind, value)) return value;
  throw new CorruptItemError(attribute, `is not an ${kind}`, {
    cause: new InvalidIdentifierError(kind, 'read from the store'),
  });
}

export function readIdOrNull<K extends IdentifierKind>(
  item: Item,
  attribute: string,
  kind: K,
): Identifiers[K] | null {
  return absent(item[attribute]) ? null : readId(item, attribute, kind);
}

export function readOneOf<const T extends string>(
  item: Item,
  attribute: string,
  values: readonly T[],
): T {
  const value = item[attribute];
  const found = values.find((candidate) => candidate === value);
  if (found === undefined)
    throw new CorruptItemError(attribute, `is not one of ${values.join(', ')}`);
  return found;
}

export function readOneOfOrNull<const T extends string>(
  item: Item,
  attribute: string,
  values: readonly T[],
): T | null {
  return absent(item[attribute]) ? null : readOneOf(item, attribute, values);
}
