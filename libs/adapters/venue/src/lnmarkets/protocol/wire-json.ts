// LN Markets sends and takes prices, quantities and sats as JSON numbers. A JS number would
// round some of them, so numbers are read from the answer's own digits (JSON.parse's source
// text access, Node >= 21) and written from a Decimal's digits (JSON.rawJSON): no float ever
// carries an amount in or out.

import type { Decimal } from '@perp/decimal';

interface ReviverContext {
  readonly source?: string;
}

const rawJSON = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/** The JSON text with every number as the text of its digits (`60000.5` -> '60000.5'). */
export function parseWireJson(text: string): unknown {
  return JSON.parse(text, (_key: string, value: unknown, context?: ReviverContext): unknown =>
    typeof value === 'number' ? (context?.source ?? String(value)) : value,
  );
}

/** A decimal written as a JSON number with exactly its digits. */
export function wireNumber(value: Decimal): unknown {
  return rawJSON(value.toString());
}

/** JSON text of `value`, compact (what is sent is what is signed). */
export function wireJson(value: unknown): string {
  return JSON.stringify(value);
}
