// Key formats of the items in the `trading` and `config` tables (single-table design). Sort keys
// that list newest first embed a zero-padded time or a time-ordered id.

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
