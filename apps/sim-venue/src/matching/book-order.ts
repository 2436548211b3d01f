import type { PriceLevel } from './price-level.ts';
import type {
  AccountId,
  OrderId,
  PriceTicks,
  QuantityLots,
  OrderSide,
  VenueOrderId,
} from './vocabulary.ts';

/** What callers may read about an order resting on the book. */
export interface OpenOrderView {
  readonly venueOrderId: VenueOrderId;
  readonly orderId: OrderId;
  readonly accountId: AccountId;
  readonly side: OrderSide;
  readonly priceTicks: PriceTicks;
  readonly quantityLots: QuantityLots;
  readonly filledLots: QuantityLots;
  readonly remainingLots: QuantityLots;
  /** Clock reading when the engine accepted it. */
  readonly acceptedAt: number;
}

/**
 * An order inside the engine: the taker while it matches and, if a GTC remainder is left, the
 * resting order. It is its own node in the level's FIFO list (intrusive), so queuing allocates
 * nothing more and unlinking on cancel is O(1).
 */
export class BookOrder implements OpenOrderView {
  readonly venueOrderId: VenueOrderId;
  readonly orderId: OrderId;
  readonly accountId: AccountId;
  readonly side: OrderSide;
  /** 0 for a market order, which never rests. */
  readonly priceTicks: PriceTicks;
  readonly quantityLots: QuantityLots;
  filledLots: QuantityLots = 0;
  remainingLots: QuantityLots;
  readonly acceptedAt: number;
  level: PriceLevel | null = null;
  prev: BookOrder | null = null;
  next: BookOrder | null = null;

  constructor(
    venueOrderId: VenueOrderId,
    orderId: OrderId,
    accountId: AccountId,
    side: OrderSide,
    priceTicks: PriceTicks,
    quantityLots: QuantityLots,
    acceptedAt: number,
  ) {
    this.venueOrderId = venueOrderId;
    this.orderId = orderId;
    this.accountId = accountId;
    this.side = side;
    this.priceTicks = priceTicks;
    this.quantityLots = quantityLots;
    this.remainingLots = quantityLots;
    this.acceptedAt = acceptedAt;
  }
}
