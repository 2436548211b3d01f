import { createRequire } from 'node:module';

// The comparison engine for the matching benchmark, nodejs-order-book@10, typed to the subset we
// call (from its README and dist/types). Loaded from NOB_PATH when set (a scratch install), else
// resolved like any dependency.

type NobSide = 'buy' | 'sell';
type NobStpMode = 'NONE' | 'EXPIRE_MAKER' | 'EXPIRE_TAKER' | 'EXPIRE_BOTH';

export interface NobLimitOptions {
  readonly id: string;
  readonly side: NobSide;
  readonly size: number;
  readonly price: number;
  readonly timeInForce?: 'GTC' | 'IOC' | 'FOK';
  readonly postOnly?: boolean;
  readonly accountId?: string;
  readonly stpMode?: NobStpMode;
}

export interface NobMarketOptions {
  readonly side: NobSide;
  readonly size: number;
  readonly accountId?: string;
  readonly stpMode?: NobStpMode;
}

export interface NobProcessOrder {
  readonly done: readonly unknown[];
  readonly err: { readonly message: string } | null;
}

export interface NobOrderBook {
  limit(options: NobLimitOptions): NobProcessOrder;
  market(options: NobMarketOptions): NobProcessOrder;
  cancel(orderId: string): unknown;
  /** `[asks, bids]`, each `[price, volume][]` best first. */
  depth(): [[number, number][], [number, number][]];
}

export function loadNodejsOrderBook(): new () => NobOrderBook {
  const require = createRequire(import.meta.url);
  const from = process.env.NOB_PATH ?? 'nodejs-order-book';
  try {
    return (require(from) as { OrderBook: new () => NobOrderBook }).OrderBook;
  } catch (error) {
    throw new Error(
      `cannot load nodejs-order-book from "${from}": add it as a devDependency, or install it ` +
        'with `npm install --prefix /tmp/nob nodejs-order-book@10` and set ' +
        'NOB_PATH=/tmp/nob/node_modules/nodejs-order-book',
      { cause: error },
    );
  }
}
