import type { Order } from '@perp/contracts';
import type { TraderClient } from '@perp/trader-client';
import { waitFor, waitUntil } from '@perp/test-services';

export interface Grid {
  readonly bids: Order[];
  readonly asks: Order[];
  readonly open: Order[];
}

/** The bot's accepted orders of one symbol, once they are `bids` bids and `asks` asks. */
export function grid(viewer: TraderClient, symbol: string, bids = 5, asks = bids): Promise<Grid> {
  return waitFor(
    async () => {
      const open = (await viewer.call('orders.open', { symbol })).filter(
        (o) => o.status === 'accepted',
      );
      const bidOrders = open.filter((o) => o.side === 'buy');
      const askOrders = open.filter((o) => o.side === 'sell');
      return bidOrders.length === bids && askOrders.length === asks
        ? { bids: bidOrders, asks: askOrders, open }
        : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200, what: `${bids} bids and ${asks} asks on ${symbol}` },
  );
}

/** Cancels whatever the account has open and waits until none is left (between tests). */
export async function clearOrders(trader: TraderClient, viewer: TraderClient): Promise<void> {
  await trader.call('order.cancelAll', {});
  await waitUntil(async () => (await viewer.call('orders.open', {})).length === 0, {
    timeoutMs: 15_000,
    what: 'no open order left',
  });
}

/** The best price of a side of the grid. */
export function best(orders: readonly Order[], side: 'buy' | 'sell'): number {
  const prices = orders.filter((o) => o.side === side).map((o) => Number(o.price));
  return side === 'buy' ? Math.max(...prices) : Math.min(...prices);
}
