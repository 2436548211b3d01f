// What Hyperliquid's POST /exchange answers (its API docs, "Exchange endpoint"). Failures mostly
// come inside an HTTP 200: the whole action refused (`status: "err"` with a message), or one
// order of a batch refused (`{ error }` among the statuses).
import { z } from 'zod';

const Oid = z.number().int().nonnegative();
const Cloid = z.string().regex(/^0x[0-9a-fA-F]{32}$/);
const WireDecimal = z.string().regex(/^\d+(\.\d+)?$/);

export const HyperliquidOrderStatus = z.union([
  z.object({ resting: z.object({ oid: Oid, cloid: Cloid.optional() }) }),
  z.object({
    filled: z.object({
      totalSz: WireDecimal,
      avgPx: WireDecimal,
      oid: Oid,
      cloid: Cloid.optional(),
    }),
  }),
  z.object({ error: z.string() }),
  // Trigger orders before they trigger.
  z.literal('waitingForFill'),
  z.literal('waitingForTrigger'),
]);
export type HyperliquidOrderStatus = z.infer<typeof HyperliquidOrderStatus>;

export const HyperliquidCancelStatus = z.union([
  z.literal('success'),
  z.object({ error: z.string() }),
]);
export type HyperliquidCancelStatus = z.infer<typeof HyperliquidCancelStatus>;

const ActionRefused = z.object({ status: z.literal('err'), response: z.string() });

export const HyperliquidOrderResponse = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    response: z.object({
      type: z.literal('order'),
      data: z.object({ statuses: z.array(HyperliquidOrderStatus) }),
    }),
  }),
  ActionRefused,
]);
export type HyperliquidOrderResponse = z.infer<typeof HyperliquidOrderResponse>;

export const HyperliquidCancelResponse = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    response: z.object({
      type: z.literal('cancel'),
      data: z.object({ statuses: z.array(HyperliquidCancelStatus) }),
    }),
  }),
  ActionRefused,
]);
export type HyperliquidCancelResponse = z.infer<typeof HyperliquidCancelResponse>;

/** POST /info `{ type: "orderStatus", user, oid }` (oid: the venue's id or our cloid). */
export const HyperliquidOrderStatusInfo = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('order'),
    order: z.object({
      order: z.object({
        coin: z.string(),
        side: z.enum(['A', 'B']),
        limitPx: WireDecimal,
        // What is left to fill, and what was asked.
        sz: WireDecimal,
        origSz: WireDecimal,
        oid: Oid,
        cloid: Cloid.nullish(),
        timestamp: z.number().int(),
      }),
      // open, filled, canceled, triggered, rejected, marginCanceled, …Rejected, …Canceled
      status: z.string(),
      statusTimestamp: z.number().int(),
    }),
  }),
  z.object({ status: z.literal('unknownOid') }),
]);
export type HyperliquidOrderStatusInfo = z.infer<typeof HyperliquidOrderStatusInfo>;

/** /info `openOrders`: the user's resting orders; `cloid` only on orders placed with one. */
export const HyperliquidOpenOrders = z.array(
  z.object({
    coin: z.string(),
    oid: z.number().int(),
    timestamp: z.number().int(),
    cloid: z.string().nullish(),
  }),
);

/** /info `userRole`: what the venue knows an address as; an agent names its master. */
export const HyperliquidUserRole = z.union([
  z.object({ role: z.literal('agent'), data: z.object({ user: z.string() }) }),
  z.object({ role: z.literal('subAccount'), data: z.object({ master: z.string() }) }),
  z.object({ role: z.enum(['missing', 'user', 'vault']) }),
]);

/** One fill, as /info and the `userFills` feed give it; `crossed` means taker. */
export const HyperliquidFill = z.object({
  coin: z.string(),
  px: WireDecimal,
  sz: WireDecimal,
  time: z.number().int(),
  oid: Oid,
  tid: z.number().int(),
  crossed: z.boolean(),
  fee: z.string(),
});
export type HyperliquidFill = z.infer<typeof HyperliquidFill>;

/** /info `userFillsByTime`: the user's fills from `startTime`. */
export const HyperliquidUserFills = z.array(HyperliquidFill);

/** A WebSocket message of the `orderUpdates` or `userFills` subscription (others: ignored). */
export const HyperliquidFeedMessage = z.discriminatedUnion('channel', [
  z.object({
    channel: z.literal('orderUpdates'),
    data: z.array(
      z.object({
        order: z.object({
          coin: z.string(),
          oid: Oid,
          origSz: WireDecimal,
          sz: WireDecimal,
          cloid: Cloid.nullish(),
        }),
        status: z.string(),
        statusTimestamp: z.number().int(),
      }),
    ),
  }),
  z.object({
    channel: z.literal('userFills'),
    data: z.object({
      isSnapshot: z.boolean().optional(),
      user: z.string(),
      fills: z.array(HyperliquidFill),
    }),
  }),
]);
export type HyperliquidFeedMessage = z.infer<typeof HyperliquidFeedMessage>;

/** /info `clearinghouseState`: the account's positions (`szi` signed: + long, - short). */
export const HyperliquidClearinghouseState = z.object({
  assetPositions: z.array(
    z.object({
      position: z.object({
        coin: z.string(),
        szi: z.string().regex(/^-?\d+(\.\d+)?$/),
        entryPx: WireDecimal.nullable(),
      }),
    }),
  ),
});

/** /info `userRateLimit`: the address's action budget (volume traded raises the cap). */
export const HyperliquidUserRateLimit = z.object({
  cumVlm: z.string(),
  nRequestsUsed: z.number().int(),
  nRequestsCap: z.number().int(),
});
