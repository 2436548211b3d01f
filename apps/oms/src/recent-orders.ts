import type { AccountId, ClientOrderId, OrderId } from '@perp/trading-domain';

/**
 * What this OMS process itself committed lately, so the next command about the same order needs
 * fewer reads. Only facts that never change go in: a client order id's order (claims are
 * permanent) and venue events whose answer was committed with the command (their stream copy
 * changes nothing). Another replica, or this one after a restart, simply reads as before.
 * Bounded: the oldest entries go first.
 */
export class RecentOrders {
  readonly #orderIds = new Map<string, OrderId>();
  readonly #answered = new Set<string>();
  readonly #capacity: number;

  constructor(capacity = 50_000) {
    this.#capacity = capacity;
  }

  placed(accountId: AccountId, clientOrderId: ClientOrderId, orderId: OrderId): void {
    bounded(this.#orderIds, this.#capacity);
    this.#orderIds.set(`${accountId}\u0000${clientOrderId}`, orderId);
  }

  orderIdOf(accountId: AccountId, clientOrderId: ClientOrderId): OrderId | undefined {
    return this.#orderIds.get(`${accountId}\u0000${clientOrderId}`);
  }

  /** The venue event with this command id repeats an answer this process committed. */
  answered(eventCommandId: string): void {
    bounded(this.#answered, this.#capacity);
    this.#answered.add(eventCommandId);
  }

  /** Whether the event repeats a committed answer; forgotten once asked (it arrives once). */
  takeAnswered(eventCommandId: string): boolean {
    return this.#answered.delete(eventCommandId);
  }
}

function bounded(entries: Map<string, unknown> | Set<string>, capacity: number): void {
  if (entries.size < capacity) return;
  const oldest = entries.keys().next();
  if (!oldest.done) entries.delete(oldest.value);
}
