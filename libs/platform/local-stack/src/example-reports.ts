// Execution reports as the OMS publishes them, for tests of what carries and shows them.
import { ExecutionReport } from '@perp/contracts';

/** Report fields as text, checked by the contract when the report is built. */
type ReportText = Partial<Record<keyof ExecutionReport, unknown>>;

/** A valid `accepted` report of order `o-<seq>` (client id `c-<seq>`) unless overridden. */
export function acceptedReport(
  accountId: string,
  seq: number,
  overrides: ReportText = {},
): ExecutionReport {
  return ExecutionReport.parse({
    version: 1,
    seq,
    accountId,
    orderId: `o-${seq}`,
    clientOrderId: `c-${seq}`,
    symbol: 'BTC-PERP',
    side: 'buy',
    type: 'limit',
    timeInForce: 'gtc',
    price: '60000',
    quantity: '0.01',
    filledQuantity: '0',
    remainingQuantity: '0.01',
    avgFillPrice: null,
    status: 'accepted',
    execType: 'accepted',
    lastFillPrice: null,
    lastFillQuantity: null,
    fee: null,
    tradeId: null,
    reason: null,
    ts: 1_700_000_000_000 + seq,
    ...overrides,
  });
}

/** A full fill of the same order, as the report after `acceptedReport`. */
export function fillReport(
  accountId: string,
  seq: number,
  overrides: ReportText = {},
): ExecutionReport {
  return acceptedReport(accountId, seq, {
    filledQuantity: '0.01',
    remainingQuantity: '0',
    avgFillPrice: '60000',
    status: 'filled',
    execType: 'trade',
    lastFillPrice: '60000',
    lastFillQuantity: '0.01',
    fee: '0.3',
    tradeId: `t-${seq}`,
    ...overrides,
  });
}
