import type { VenueOrderId } from '@perp/trading-domain';
import type { SimOrderFill, SimOrderRequest, SimOrderStatus } from '@perp/venue-adapter';

/** The venue's record of one order it received, whatever became of it. */
export interface VenueOrder {
  readonly request: SimOrderRequest;
  venueOrderId: VenueOrderId | null;
  status: SimOrderStatus;
  filledLots: number;
  reason: string | null;
  /** Its fills as the stream carried them, oldest first. */
  readonly fills: SimOrderFill[];
  readonly createdAt: number;
  updatedAt: number;
}

/**
 * Every order by (account, our order id), the key that makes placing idempotent, and by venue
 * order id for the engine's events. Kept for the venue's lifetime: the simulator forgets nothing.
 */
export class OrderRegistry {
  readonly #byKey = new Map<string, VenueOrder>();
  readonly #byVenueOrderId = new Map<string, VenueOrder>();
  /** Every fill of every order in venue order (so by time): the venue-wide fill history. */
  readonly #fills: SimOrderFill[] = [];

  get(accountId: string, orderId: string): VenueOrder | undefined {
    return this.#byKey.get(key(accountId, orderId));
  }

  byVenueOrderId(venueOrderId: string): VenueOrder | undefined {
    return this.#byVenueOrderId.get(venueOrderId);
  }

  add(order: VenueOrder): void {
    this.#byKey.set(key(order.request.accountId, order.request.orderId), order);
  }

  /** Called once the engine accepted the order and gave it its id. */
  assignVenueOrderId(order: VenueOrder, venueOrderId: VenueOrderId): void {
    order.venueOrderId = venueOrderId;
    this.#byVenueOrderId.set(venueOrderId, order);
  }

  /** Records a fill the engine made, on its order and in the venue-wide history. */
  addFill(order: VenueOrder, fill: SimOrderFill): void {
    order.fills.push(fill);
    this.#fills.push(fill);
  }

  /** The fills at or after `since` (ms), oldest first, at most `limit`. */
  fillsSince(since: number, limit: number): SimOrderFill[] {
    // Fills are appended in time order: the first at or after `since` by binary search.
    let low = 0;
    let high = this.#fills.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#fills[middle]?.ts ?? Infinity) < since) low = middle + 1;
      else high = middle;
    }
    return this.#fills.slice(low, low + limit);
  }

  /** The orders still working, oldest first (a scan: the registry keeps every order it saw). */
  open(): VenueOrder[] {
    return [...this.#byKey.values()].filter((order) => order.status === 'open');
  }

  get size(): number {
    return this.#byKey.size;
  }
}

// "/" occurs in neither id grammar, so distinct pairs never share a key.
function key(accountId: string, orderId: string): string {
  return `${accountId}/${orderId}`;
}
