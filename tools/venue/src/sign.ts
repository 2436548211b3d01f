// The `sign` commands: each venue's signature of exactly what the operator gives, to compare with
// what another client sends, or with a venue's documentation.

import {
  binanceSignature,
  lnMarketsSignature,
  signL1Action,
  type HyperliquidAction,
} from '@perp/venue-adapter';
import { UsageError, type Command } from './args.ts';

type JsonReviverContext = { readonly source?: string };

/**
 * The action as JSON, key order kept (JSON.parse keeps it, except for keys that are array
 * indices, which no action has), and integers beyond 2^53 as bigints from their source text, so
 * `12312312312300000000` is hashed as written rather than as the nearest double.
 */
export function parseAction(text: string): HyperliquidAction {
  let action: unknown;
  try {
    action = JSON.parse(text, function (this: unknown, _key, value, context?: JsonReviverContext) {
      if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source)
        return /^-?\d+$/.test(context.source) ? BigInt(context.source) : value;
      return value;
    } as (this: unknown, key: string, value: unknown) => unknown);
  } catch (error) {
    throw new UsageError(`--action is not JSON: ${(error as Error).message}`);
  }
  if (action === null || typeof action !== 'object' || Array.isArray(action))
    throw new UsageError('--action must be a JSON object');
  if (typeof (action as { type?: unknown }).type !== 'string')
    throw new UsageError('--action must have a string "type" (e.g. "order", "cancel")');
  return action as HyperliquidAction;
}

/** The line the command prints. */
export function signatureLine(command: Extract<Command, { name: `sign-${string}` }>): string {
  switch (command.name) {
    case 'sign-hyperliquid':
      return JSON.stringify(
        signL1Action(
          command.privateKey,
          {
            action: parseAction(command.action),
            nonce: command.nonce,
            vaultAddress: command.vaultAddress,
            expiresAfter: command.expiresAfter,
          },
          command.testnet ? 'testnet' : 'mainnet',
        ),
      );
    case 'sign-binance':
      return binanceSignature(command.secret, command.payload);
    case 'sign-lnmarkets':
      return lnMarketsSignature(command.secret, command);
  }
}
