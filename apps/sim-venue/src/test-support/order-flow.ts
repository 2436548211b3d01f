import {
  MatchingEngine,
  type MatchingCommand,
  type OrderBookView,
  type OrderSide,
} from '../matching/index.ts';
import type { AccountId, InstrumentSymbol, OrderId, VenueOrderId } from '@perp/trading-domain';
import { SeededRandom } from './seeded-random.ts';

// A deterministic order flow for benchmarks: passive adds around a drifting mid, cancels of live
// orders, and aggressive orders (market and IOC limits through the touch). Generated once by
// running it through our engine (untimed), so every cancel names an order that is live at that
// point; any engine with the same price-time and self-trade semantics sees the same book.

export const FLOW_SYMBOL = 'BTC-PERP' as InstrumentSymbol;

/**
 * One operation, in a single object shape for every kind. Ids are plain text (other engines
 * replay the same flow); they are valid ids by construction and typed in `toCommand`.
 */
export interface FlowOp {
  readonly kind: 'add' | 'cancel' | 'market' | 'ioc';
  readonly side: OrderSide;
  /** 0 for market and cancel. */
  readonly priceTicks: number;
  /** 0 for cancel. */
  readonly quantityLots: number;
  readonly accountId: string;
  /** The id the order gets (O1, O2… in acceptance order), or the order to cancel. */
  readonly venueOrderId: string;
  readonly orderId: string;
}

export interface FlowOptions {
  readonly seed: number;
  readonly operations: number;
  readonly accounts?: number;
  /** Aggressive order sizes scale so the book hovers around this many resting orders. */
  readonly targetRestingOrders?: number;
  readonly midTicks?: number;
}

export interface Flow {
  readonly ops: readonly FlowOp[];
  readonly counts: Readonly<Record<FlowOp['kind'], number>>;
  /** Resting orders at the end. */
  readonly finalRestingOrders: number;
}

export function toCommand(op: FlowOp): MatchingCommand {
  if (op.kind === 'cancel') {
    return {
      kind: 'cancel',
      symbol: FLOW_SYMBOL,
      accountId: op.accountId as AccountId,
      venueOrderId: op.venueOrderId as VenueOrderId,
    };
  }
  const base = {
    kind: 'place',
    symbol: FLOW_SYMBOL,
    accountId: op.accountId as AccountId,
    orderId: op.orderId as OrderId,
    side: op.side,
    quantityLots: op.quantityLots,
  } as const;
  if (op.kind === 'market') return { ...base, orderType: 'market', timeInForce: 'ioc' };
  const timeInForce = op.kind === 'ioc' ? 'ioc' : 'gtc';
  return { ...base, orderType: 'limit', priceTicks: op.priceTicks, timeInForce };
}

export function generateFlow(options: FlowOptions): Flow {
  const random = new SeededRandom(options.seed);
  const accounts = Array.from({ length: options.accounts ?? 1_000 }, (_, i) => `acct${i}`);
  const target = options.targetRestingOrders ?? 5_000;
  const engine = new MatchingEngine({ symbols: [FLOW_SYMBOL], clock: () => 0 });
  const book = engine.book(FLOW_SYMBOL) as OrderBookView;
  const live = new LiveOrders();
  const ops: FlowOp[] = [];
  const counts = { add: 0, cancel: 0, market: 0, ioc: 0 };
  let mid = options.midTicks ?? 100_000;
  let nextOrderNumber = 1;

  for (let i = 0; i < options.operations; i += 1) {
    if (random.chance(0.01)) mid += random.chance(0.5) ? 1 : -1;
    const roll = random.next();
    const bid = book.bestBid()?.priceTicks;
    const ask = book.bestAsk()?.priceTicks;
    let op: FlowOp;
    if (roll < 0.3 && live.size > 0) {
      const victim = live.pick(random);
      op = flowOp('cancel', 'buy', 0, 0, victim.accountId, victim.venueOrderId, '');
    } else if (roll < 0.4 && (bid !== undefined || ask !== undefined)) {
      const side: OrderSide =
        ask === undefined ? 'sell' : bid === undefined ? 'buy' : random.pick(SIDES);
      const scale = Math.min(4, Math.max(0.25, live.size / target));
      const lots = Math.max(1, Math.round(random.int(1, 300) * scale));
      const kind = random.chance(0.5) ? 'market' : 'ioc';
      const through = side === 'buy' ? (ask as number) + 2 : (bid as number) - 2;
      const price = kind === 'market' ? 0 : through;
      op = flowOp(kind, side, price, lots, random.pick(accounts), `O${nextOrderNumber}`, `c${i}`);
      nextOrderNumber += 1;
    } else {
      const side = random.pick(SIDES);
      const offset = Math.min(500, 1 + Math.floor(-Math.log(1 - random.next()) * 10));
      const price =
        side === 'buy'
          ? Math.min(mid - offset, ask === undefined ? Infinity : ask - 1)
          : Math.max(mid + offset, bid === undefined ? 0 : bid + 1);
      const lots = random.int(1, 100);
      op = flowOp('add', side, price, lots, random.pick(accounts), `O${nextOrderNumber}`, `c${i}`);
      nextOrderNumber += 1;
    }
    counts[op.kind] += 1;
    ops.push(op);
    for (const event of engine.process(toCommand(op))) {
      if (event.kind === 'canceled') live.remove(event.venueOrderId);
      else if (event.kind === 'fill' && event.liquidity === 'maker' && event.remainingLots === 0) {
        live.remove(event.venueOrderId);
      }
    }
    if (op.kind === 'add' && book.openOrder(op.venueOrderId as VenueOrderId) !== undefined) {
      live.add(op.venueOrderId, op.accountId);
    }
  }
  return { ops, counts, finalRestingOrders: book.openOrderCount };
}

const SIDES: readonly OrderSide[] = ['buy', 'sell'];

function flowOp(
  kind: FlowOp['kind'],
  side: OrderSide,
  priceTicks: number,
  quantityLots: number,
  accountId: string,
  venueOrderId: string,
  orderId: string,
): FlowOp {
  return { kind, side, priceTicks, quantityLots, accountId, venueOrderId, orderId };
}

/** The live orders, for picking one to cancel uniformly: an array with swap-remove. */
class LiveOrders {
  readonly #orders: { venueOrderId: string; accountId: string }[] = [];
  readonly #index = new Map<string, number>();

  get size(): number {
    return this.#orders.length;
  }

  add(venueOrderId: string, accountId: string): void {
    this.#index.set(venueOrderId, this.#orders.length);
    this.#orders.push({ venueOrderId, accountId });
  }

  remove(venueOrderId: string): void {
    const at = this.#index.get(venueOrderId);
    if (at === undefined) return;
    this.#index.delete(venueOrderId);
    const last = this.#orders.pop();
    if (last !== undefined && at < this.#orders.length) {
      this.#orders[at] = last;
      this.#index.set(last.venueOrderId, at);
    }
  }

  pick(random: SeededRandom): { venueOrderId: string; accountId: string } {
    return random.pick(this.#orders);
  }
}
