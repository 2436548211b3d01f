import type { PlaceOrderCommand, OrderSide } from '../matching/index.ts';

// A deliberately naive order book for differential tests: linear scans and sorting on every step,
// written to be obviously right rather than fast. The engine must make exactly the same decisions.

interface ReferenceOrder {
  readonly venueOrderId: string;
  readonly accountId: string;
  readonly side: OrderSide;
  readonly priceTicks: number;
  remainingLots: number;
  readonly arrival: number;
}

/** What happened to resting orders, in order: a maker fill or a self-trade-prevention cancel. */
export type ReferenceStep = readonly ['fill', string, number, number] | readonly ['stp', string];

export class ReferenceBook {
  #resting: ReferenceOrder[] = [];
  #arrivals = 0;

  wouldCross(side: OrderSide, priceTicks: number): boolean {
    return this.#opposite(side, priceTicks).length > 0;
  }

  /** Runs an accepted order; returns the steps and whether (and how much of) it rests. */
  place(venueOrderId: string, command: PlaceOrderCommand): ReferenceStep[] {
    const steps: ReferenceStep[] = [];
    const limit = command.orderType === 'limit' ? command.priceTicks : undefined;
    const crossing = () => this.#opposite(command.side, limit);
    if (command.timeInForce === 'fok') {
      const available = crossing()
        .filter((order) => order.accountId !== command.accountId)
        .reduce((sum, order) => sum + order.remainingLots, 0);
      if (available < command.quantityLots) return steps;
    }
    let remaining = command.quantityLots;
    for (let maker = crossing()[0]; remaining > 0 && maker !== undefined; maker = crossing()[0]) {
      if (maker.accountId === command.accountId) {
        this.#resting = this.#resting.filter((order) => order !== maker);
        steps.push(['stp', maker.venueOrderId]);
        continue;
      }
      const lots = Math.min(remaining, maker.remainingLots);
      remaining -= lots;
      maker.remainingLots -= lots;
      if (maker.remainingLots === 0) this.#resting = this.#resting.filter((o) => o !== maker);
      steps.push(['fill', maker.venueOrderId, maker.priceTicks, lots]);
    }
    if (remaining > 0 && limit !== undefined && command.timeInForce === 'gtc') {
      this.#resting.push({
        venueOrderId,
        accountId: command.accountId,
        side: command.side,
        priceTicks: limit,
        remainingLots: remaining,
        arrival: (this.#arrivals += 1),
      });
    }
    return steps;
  }

  cancel(venueOrderId: string, accountId: string): boolean {
    const order = this.#resting.find((o) => o.venueOrderId === venueOrderId);
    if (order === undefined || order.accountId !== accountId) return false;
    this.#resting = this.#resting.filter((o) => o !== order);
    return true;
  }

  /** Every level as `[priceTicks, lots]`, best first. */
  depth(side: OrderSide): [number, number][] {
    const totals = new Map<number, number>();
    for (const order of this.#resting) {
      if (order.side === side) {
        totals.set(order.priceTicks, (totals.get(order.priceTicks) ?? 0) + order.remainingLots);
      }
    }
    return [...totals].sort(([a], [b]) => (side === 'buy' ? b - a : a - b));
  }

  /** Resting orders a `side` taker limited at `limit` would meet, in priority order. */
  #opposite(side: OrderSide, limit: number | undefined): ReferenceOrder[] {
    const isBuy = side === 'buy';
    return this.#resting
      .filter((order) => order.side !== side)
      .filter((order) =>
        limit === undefined ? true : isBuy ? order.priceTicks <= limit : order.priceTicks >= limit,
      )
      .sort((a, b) =>
        a.priceTicks !== b.priceTicks
          ? isBuy
            ? a.priceTicks - b.priceTicks
            : b.priceTicks - a.priceTicks
          : a.arrival - b.arrival,
      );
  }
}
