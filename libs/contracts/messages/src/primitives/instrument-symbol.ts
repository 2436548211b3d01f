import { z } from 'zod';
import { unlessMissing } from './issue-message.ts';

const SYMBOL_MESSAGE = 'must be a symbol such as "BTC-PERP"';
const ASSET_MESSAGE = 'must be an asset code such as "BTC"';

/** An instrument symbol such as `BTC-PERP` (or `BTC-USDC-PERP`): upper-case segments joined by "-". */
export const InstrumentSymbol = z
  .string({ error: unlessMissing(SYMBOL_MESSAGE) })
  .regex(/^[A-Z0-9]{1,16}(?:-[A-Z0-9]{1,16}){1,2}$/, { error: SYMBOL_MESSAGE });
export type InstrumentSymbol = z.infer<typeof InstrumentSymbol>;

/** An asset code such as `BTC` or `USD`. */
export const AssetCode = z
  .string({ error: unlessMissing(ASSET_MESSAGE) })
  .regex(/^[A-Z0-9]{1,16}$/, { error: ASSET_MESSAGE });
export type AssetCode = z.infer<typeof AssetCode>;
