// The gateway's Redis keys, under the platform's key prefix. Per-account keys carry the account
// in a hash tag, so each script touches one cluster slot.

export interface GatewayKeys {
  /** Token bucket of the account's order requests, shared by every gateway. */
  orderRate(accountId: string): string;
  /** Sorted set of the account's open connections; the score is when each lease runs out. */
  connections(accountId: string): string;
  /** What an order.place queued for a client order id, until the OMS has claimed it. */
  placedOrder(accountId: string, clientOrderId: string): string;
}

export function gatewayKeys(prefix: string): GatewayKeys {
  return {
    orderRate: (accountId) => `${prefix}gateway:account:{${accountId}}:order-rate`,
    connections: (accountId) => `${prefix}gateway:account:{${accountId}}:connections`,
    placedOrder: (accountId, clientOrderId) =>
      `${prefix}gateway:account:{${accountId}}:placed:${clientOrderId}`,
  };
}
