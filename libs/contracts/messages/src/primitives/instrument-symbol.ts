import type { z } from 'zod';
import { identifier } from './identifiers.ts';

/** An instrument symbol such as `BTC-PERP` (or `BTC-USDC-PERP`): upper-case segments joined by "-". */
export const InstrumentSymbol = identifier('InstrumentSymbol');
export type InstrumentSymbol = z.infer<typeof InstrumentSymbol>;

/** An asset code such as `BTC` or `USD`. */
export const AssetCode = identifier('AssetCode');
export type AssetCode = z.infer<typeof AssetCode>;
