import { Decimal } from '@perp/decimal';
import type { ExecutionReport, Order } from '@perp/contracts';
import type { OrderSide } from '@perp/trading-domain';

/** The bot's view of one of its orders. */
export interface TrackedOrder {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly price: Decimal;
  readonly quantity: Decimal;
  remaining: Decimal;
  /**
   * `sending`: asked, no answer yet (or the answer was lost with the connection: the same request
   * is sent again after a reconnect, which the gateway answers without a second order);
   * `open`: on the book as far as the bot knows; `canceling`: a cancel was asked.
   */
  status: 'sending' | 'open' | 'canceling';
  readonly placedAt: number;
}

/** What one execution report meant to the quoter. */
export type TrackedChange =
  | { readonly kind: 'fill'; readonly symbol: string; readonly quantity: Decimal }
  | {
      readonly kind: 'gone';
      readonly symbol: string;
      readonly status: string;
      readonly reason: string | null;
    }
  | { readonly kind: 'updated'; readonly symbol: string }
  | { readonly kind: 'foreign' };

const OPEN = new Set(['submitted', 'accepted', 'partially_filled']);

/**
 * The bot's own orders, kept from its requests and the account's execution reports (the `orders`
 * channel, whose seq the trader client keeps gap-free across reconnects).
 */
export class OrderTracker {
  readonly #orders = new Map<string, TrackedOrder>();

  get size(): number {
    return this.#orders.size;
  }

  get(clientOrderId: string): TrackedOrder | undefined {
    return this.#orders.get(clientOrderId);
  }

  all(symbol?: string): TrackedOrder[] {
    return [...this.#orders.values()].filter((o) => symbol === undefined || o.symbol === symbol);
  }

  /** The orders a requote may keep: on the book or on their way, not being canceled. */
  resting(symbol: string): TrackedOrder[] {
    return this.all(symbol).filter((o) => o.status !== 'canceling');
  }

  /** Orders whose place request got no answer (the connection dropped): to be sent again. */
  unanswered(): TrackedOrder[] {
    return this.all().filter((o) => o.status === 'sending');
  }

  sending(order: Omit<TrackedOrder, 'status' | 'remaining'>): void {
    this.#orders.set(order.clientOrderId, {
      ...order,
      remaining: order.quantity,
      status: 'sending',
    });
  }

  /** The gateway took the request (ack): the OMS will decide and report. */
  acknowledged(clientOrderId: string): void {
    const order = this.#orders.get(clientOrderId);
    if (order?.status === 'sending') order.status = 'open';
  }

  canceling(clientOrderId: string): void {
    const order = this.#orders.get(clientOrderId);
    if (order) order.status = 'canceling';
  }

  /** A cancel that did not go through: the order is still the bot's to requote. */
  cancelFailed(clientOrderId: string): void {
    const order = this.#orders.get(clientOrderId);
    if (order?.status === 'canceling') order.status = 'open';
  }

  forget(clientOrderId: string): void {
    this.#orders.delete(clientOrderId);
  }

  apply(report: ExecutionReport): TrackedChange {
    const order = this.#orders.get(report.clientOrderId);
    if (!OPEN.has(report.status) && report.status !== 'pending_cancel') {
      this.#orders.delete(report.clientOrderId);
      if (report.execType === 'trade' && report.lastFillQuantity !== null)
        return {
          kind: 'fill',
          symbol: report.symbol,
          quantity: Decimal.parse(report.lastFillQuantity),
        };
      return order
        ? { kind: 'gone', symbol: report.symbol, status: report.status, reason: report.reason }
        : { kind: 'foreign' };
    }
    if (!order) return { kind: 'foreign' };
    order.remaining = Decimal.parse(report.remainingQuantity);
    if (report.status === 'pending_cancel') order.status = 'canceling';
    else if (order.status === 'sending') order.status = 'open';
    if (report.execType === 'trade' && report.lastFillQuantity !== null)
      return {
        kind: 'fill',
        symbol: report.symbol,
        quantity: Decimal.parse(report.lastFillQuantity),
      };
    return { kind: 'updated', symbol: report.symbol };
  }

  /**
   * The open orders as the platform lists them (a snapshot or orders.open): they replace what the
   * bot believed, except requests still unanswered, which the platform may not have seen yet.
   */
  reconcile(open: readonly Order[], isOwn: (order: Order) => boolean, now: number): Order[] {
    const listed = new Set(open.map((order) => order.clientOrderId as string));
    for (const [id, order] of this.#orders)
      if (!listed.has(id) && order.status !== 'sending') this.#orders.delete(id);
    const foreign: Order[] = [];
    for (const order of open) {
      if (!isOwn(order)) {
        foreign.push(order);
        continue;
      }
      const known = this.#orders.get(order.clientOrderId);
      const remaining = Decimal.parse(order.remainingQuantity);
      if (known) {
        known.remaining = remaining;
        known.status = order.status === 'pending_cancel' ? 'canceling' : 'open';
        continue;
      }
      if (order.price === null) {
        foreign.push(order);
        continue;
      }
      this.#orders.set(order.clientOrderId, {
        clientOrderId: order.clientOrderId,
        symbol: order.symbol,
        side: order.side,
        price: Decimal.parse(order.price),
        quantity: Decimal.parse(order.quantity),
        remaining,
        status: order.status === 'pending_cancel' ? 'canceling' : 'open',
        placedAt: Math.min(order.createdAt, now),
      });
    }
    return foreign;
  }
}
