// Key formats of the items in the `trading` and `config` tables (single-table design). Sort keys
// that list newest first embed a zero-padded time or a time-ordered id.
import { createHash } from 'node:crypto';

/** Partitions of the held-positions index; changing it moves accounts between shards (rewrite all). */
export const HELD_POSITION_SHARDS = 32;

/** Partitions of the in-flight orders index, for the same reason: no hot index partition. */
export const IN_FLIGHT_SHARDS = 16;

/** A stable hash, not the id's characters: ids sharing a prefix (or a pattern) spread evenly. */
function shardOf(accountId: string, shards: number): number {
  return createHash('sha256').update(accountId).digest().readUInt32BE(0) % shards;
}

function heldShard(accountId: string): number {
  return shardOf(accountId, HELD_POSITION_SHARDS);
}

function inFlightShardPk(shard: number): string {
  if (!Number.isInteger(shard) || shard < 0 || shard >= IN_FLIGHT_SHARDS)
    throw new RangeError(`in-flight shard must be 0..${IN_FLIGHT_SHARDS - 1}, got ${shard}`);
  return `INFLIGHT#${String(shard).padStart(2, '0')}`;
}

/** Milliseconds as 13 digits, so sort keys compare as times until the year 2286. */
const paddedMs = (ms: number) => String(ms).padStart(13, '0');

function heldShardPk(shard: number): string {
  if (!Number.isInteger(shard) || shard < 0 || shard >= HELD_POSITION_SHARDS)
    throw new RangeError(
      `held-positions shard must be 0..${HELD_POSITION_SHARDS - 1}, got ${shard}`,
    );
  return `HELD#${String(shard).padStart(2, '0')}`;
}

export const tradingKeys = {
  accountPk: (accountId: string) => `ACCOUNT#${accountId}`,
  balanceSk: 'BALANCE',
  orderSk: (orderId: string) => `ORDER#${orderId}`,
  orderSkPrefix: 'ORDER#',
  /** Uniqueness of a client order id within the account, and its strongly consistent lookup. */
  clientOrderSk: (clientOrderId: string) => `CLORD#${clientOrderId}`,
  fillSk: (ts: number, tradeId: string) => `FILL#${paddedMs(ts)}#${tradeId}`,
  fillSkPrefix: 'FILL#',
  positionSk: (symbol: string) => `POSITION#${symbol}`,
  positionSkPrefix: 'POSITION#',
  commandSk: (commandId: string) => `COMMAND#${commandId}`,
  /** Open-orders index: one partition per account, sorted by symbol then order id. */
  openPk: (accountId: string) => `OPEN#${accountId}`,
  openSk: (symbol: string, orderId: string) => `${symbol}#${orderId}`,
  /** Held-positions index: non-flat positions, spread over HELD_POSITION_SHARDS partitions. */
  heldPk: (accountId: string) => heldShardPk(heldShard(accountId)),
  heldShardPk,
  /** '#' sorts below every AccountId character, so one account's positions are contiguous. */
  heldSk: (accountId: string, symbol: string) => `${accountId}#${symbol}`,
  /** In-flight orders index: orders awaiting the venue, by when they last changed, sharded. */
  inFlightPk: (accountId: string) => inFlightShardPk(shardOf(accountId, IN_FLIGHT_SHARDS)),
  inFlightShardPk,
  inFlightSk: (updatedAt: number, accountId: string, orderId: string) =>
    `${paddedMs(updatedAt)}#${accountId}#${orderId}`,
  /** Sorts after every key of an order updated before `ms` and before every later one. */
  inFlightSkBefore: (ms: number) => paddedMs(ms),
} as const;

export const configKeys = {
  instrumentPk: 'INSTRUMENT',
  /** Instruments' venue routes, one item per routed symbol. */
  routePk: 'ROUTE',
  tradingStatePk: 'TRADING_STATE',
  globalScope: 'global',
  symbolScope: (symbol: string) => `symbol#${symbol}`,
  accountPk: 'ACCOUNT',
  riskLimitsPk: 'RISK_LIMITS',
  defaultRiskLimits: 'default',
} as const;
