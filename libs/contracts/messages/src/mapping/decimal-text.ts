import type { Decimal } from '@perp/decimal';

// The contract carries decimals as their exact strings; these are the only places they are written.

export const decimalText = (value: Decimal): string => value.toString();

export const decimalTextOrNull = (value: Decimal | null): string | null =>
  value === null ? null : value.toString();
