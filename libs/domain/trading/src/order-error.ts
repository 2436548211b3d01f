export type OrderErrorCode = 'ORDER_INVALID' | 'ORDER_INVALID_FILL' | 'ORDER_OVERFILL';

/**
 * An order or fill that breaks the model's invariants. `ORDER_OVERFILL` means a venue reported
 * more fills than the order's quantity: never booked, always investigated.
 */
export class OrderError extends Error {
  readonly code: OrderErrorCode;

  constructor(code: OrderErrorCode, message: string) {
    super(message);
    this.name = 'OrderError';
    this.code = code;
  }
}
