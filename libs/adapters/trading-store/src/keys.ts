// Key formats of the items in the `trading` and `config` tables (single-table design). Sort keys
// that list newest first embed a zero-padded time or a time-ordered id.
import { createHash } from 'node:crypto';

/** Partitions of the held-positions index; changing it moves accounts between shards (rewrite all). */
export const HELD_POSITION_SHARDS = 32;

/** A stable hash, not the id's characters: ids sharing a prefix (or a pattern) spread evenly. */
function heldShard(accountId: string): number {
  return createHash('sha256').update(accountId).digest().readUInt32BE(0) % HELD_POSITION_SHARDS;
}

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
  fillSk: (ts: number, tradeId: string) => `FILL#${String(ts).padStart(13, '0')}#${tradeId}`,
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
} as const;

export const configKeys = {
  instrumentPk: 'INSTRUMENT',
  tradingStatePk: 'TRADING_STATE',
  globalScope: 'global',
  symbolScope: (symbol: string) => `symbol#${symbol}`,
  accountPk: 'ACCOUNT',
  riskLimitsPk: 'RISK_LIMITS',
  defaultRiskLimits: 'default',
} as const;
