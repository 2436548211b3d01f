import { describe, expect, it } from 'vitest';
import {
  AccountEvent,
  AccountSnapshot,
  BookSnapshot,
  BookUpdate,
  ExecutionReport,
  Fill,
  Instrument,
  MarketDataEvent,
  MessageParseError,
  Order,
  OrderReason,
  Position,
  PublicTrade,
  Ticker,
  parseExecutionReport,
  safeParseAccountEvent,
  safeParseExecutionReport,
  safeParseMarketDataEvent,
} from './index.ts';
import * as ex from './test-support/examples.ts';

const firstIssue = (result: {
  success: boolean;
  error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
}) => {
  const issue = result.error?.issues[0];
  return issue ? `${issue.path.join('.')}: ${issue.message}` : 'valid';
};

describe('domain messages accept their examples', () => {
  const cases = [
    ['ExecutionReport', ExecutionReport, ex.executionReport()],
    ['Order', Order, ex.order()],
    ['Fill', Fill, ex.fill()],
    ['Position', Position, ex.position()],
    ['AccountSnapshot', AccountSnapshot, ex.accountSnapshot()],
    ['Instrument', Instrument, ex.instrument()],
    ['BookSnapshot', BookSnapshot, ex.bookSnapshot()],
    ['BookUpdate', BookUpdate, ex.bookUpdate()],
    ['PublicTrade', PublicTrade, ex.publicTrade()],
    ['Ticker', Ticker, ex.ticker()],
  ] as const;
  it.each(cases)('%s', (_name, schema, value) => {
    expect(firstIssue(schema.safeParse(value))).toBe('valid');
  });
  it.each(cases)('%s rejects an unknown key', (_name, schema, value) => {
    expect(firstIssue(schema.safeParse({ ...value, id: 'x' }))).toContain('Unrecognized key: "id"');
  });
});

describe('ExecutionReport', () => {
  it('has every field ws-api.md lists, plus version', () => {
    expect(Object.keys(ExecutionReport.shape).sort()).toEqual(
      [
        'version',
        'seq',
        'accountId',
        'orderId',
        'clientOrderId',
        'symbol',
        'side',
        'type',
        'timeInForce',
        'price',
        'quantity',
        'filledQuantity',
        'remainingQuantity',
        'avgFillPrice',
        'status',
        'execType',
        'lastFillPrice',
        'lastFillQuantity',
        'fee',
        'tradeId',
        'reason',
        'ts',
      ].sort(),
    );
  });

  it('uses ws-api.md’s status and execType values exactly', () => {
    expect(ExecutionReport.shape.status.options).toEqual([
      'submitted',
      'accepted',
      'partially_filled',
      'filled',
      'pending_cancel',
      'canceled',
      'denied',
      'rejected',
      'expired',
    ]);
    expect(ExecutionReport.shape.execType.options).toEqual([
      'accepted',
      'denied',
      'rejected',
      'trade',
      'canceled',
      'expired',
      'cancel_rejected',
    ]);
  });

  it('knows every risk reason of ws-api.md', () => {
    for (const reason of [
      'INSUFFICIENT_MARGIN',
      'PRICE_OUT_OF_BAND',
      'TICK_SIZE',
      'LOT_SIZE',
      'MIN_QUANTITY',
      'MAX_QUANTITY',
      'MAX_NOTIONAL',
      'POST_ONLY_WOULD_CROSS',
      'REDUCE_ONLY_WOULD_INCREASE',
      'TRADING_HALTED',
      'INSTRUMENT_NOT_TRADING',
      'OPEN_ORDER_LIMIT',
    ]) {
      expect(OrderReason.safeParse(reason).success).toBe(true);
    }
  });

  it('accepts a denial with a risk reason and no fill fields', () => {
    const denied = ex.executionReport({
      status: 'denied',
      execType: 'denied',
      filledQuantity: '0',
      remainingQuantity: '0.5',
      avgFillPrice: null,
      lastFillPrice: null,
      lastFillQuantity: null,
      fee: null,
      tradeId: null,
      reason: 'INSUFFICIENT_MARGIN',
    });
    expect(firstIssue(ExecutionReport.safeParse(denied))).toBe('valid');
  });

  it.each([
    [
      'quantity ≠ filled + remaining',
      { remainingQuantity: '0.31' },
      'remainingQuantity: quantity must equal filledQuantity + remainingQuantity',
    ],
    ['limit without price', { price: null }, 'price: is required for limit orders'],
    ['market with price', { type: 'market' }, 'price: must be null for market orders'],
    ['trade without tradeId', { tradeId: null }, 'tradeId: is required when execType is trade'],
    [
      'fill fields on a non-trade',
      { execType: 'accepted' },
      'lastFillPrice: must be null unless execType is trade',
    ],
    [
      'denial without reason',
      {
        execType: 'denied',
        status: 'denied',
        lastFillPrice: null,
        lastFillQuantity: null,
        fee: null,
        tradeId: null,
      },
      'reason: must be one of INSUFFICIENT_MARGIN',
    ],
    [
      'a venue reason on a denial',
      {
        execType: 'denied',
        status: 'denied',
        lastFillPrice: null,
        lastFillQuantity: null,
        fee: null,
        tradeId: null,
        reason: 'VENUE_REJECTED',
      },
      'reason: must be one of INSUFFICIENT_MARGIN',
    ],
    ['a reason on a trade', { reason: 'USER_CANCELED' }, 'reason: must be null for execType trade'],
    [
      'avgFillPrice with nothing filled',
      {
        filledQuantity: '0',
        remainingQuantity: '0.5',
        status: 'accepted',
        execType: 'accepted',
        lastFillPrice: null,
        lastFillQuantity: null,
        fee: null,
        tradeId: null,
      },
      'avgFillPrice: must be null exactly when nothing is filled',
    ],
    ['seq 0', { seq: 0 }, 'seq: must be at least 1'],
    ['unknown status', { status: 'new' }, 'status: Invalid option'],
    ['float quantity', { quantity: 0.5 }, 'quantity: must be a positive decimal string'],
  ])('rejects %s', (_case, overrides, expected) => {
    expect(firstIssue(ExecutionReport.safeParse(ex.executionReport(overrides)))).toContain(
      expected,
    );
  });

  it('parses through the versioned parser', () => {
    expect(parseExecutionReport(ex.executionReport()).seq).toBe(7);
    const outcome = safeParseExecutionReport(ex.executionReport({ version: 2 }));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(MessageParseError);
      expect(outcome.error.code).toBe('UNSUPPORTED_VERSION');
      expect(outcome.error.message).toBe(
        'ExecutionReport: version 2 is not supported (supported: 1)',
      );
    }
    expect(() => parseExecutionReport(ex.executionReport({ fee: '1e-3' }))).toThrowError(
      expect.objectContaining({ code: 'INVALID_MESSAGE', path: 'fee' }),
    );
  });
});

describe('Order', () => {
  it('checks the same invariants as the report', () => {
    expect(firstIssue(Order.safeParse(ex.order({ remainingQuantity: '0.4' })))).toContain(
      'quantity must equal',
    );
    expect(
      firstIssue(Order.safeParse(ex.order({ type: 'market', price: null, timeInForce: 'ioc' }))),
    ).toBe('valid');
  });
});

describe('AccountSnapshot', () => {
  it('uses null margin utilisation when equity is not positive', () => {
    const bankrupt = ex.accountSnapshot({
      equity: '-5',
      collateral: '-51.9',
      marginUtilization: null,
      availableMargin: '-615',
    });
    expect(firstIssue(AccountSnapshot.safeParse(bankrupt))).toBe('valid');
    expect(
      firstIssue(AccountSnapshot.safeParse(ex.accountSnapshot({ marginUtilization: 'Infinity' }))),
    ).toContain('marginUtilization');
  });
});

describe('book', () => {
  it('refuses zero quantities in a snapshot but allows them in an update (level removed)', () => {
    expect(firstIssue(BookSnapshot.safeParse(ex.bookSnapshot({ bids: [['1', '0']] })))).toContain(
      'bids.0.1',
    );
    expect(firstIssue(BookUpdate.safeParse(ex.bookUpdate({ bids: [['1', '0']] })))).toBe('valid');
    expect(firstIssue(BookUpdate.safeParse(ex.bookUpdate({ bids: [['1', '2', '3']] })))).toContain(
      'bids.0',
    );
  });
});

describe('event envelopes', () => {
  it('route account events by type and refuse another account’s data', () => {
    const event = { version: 1, accountId: ex.ACCOUNT, type: 'fill', data: ex.fill() };
    expect(firstIssue(AccountEvent.safeParse(event))).toBe('valid');
    const wrong = { ...event, data: ex.fill({ accountId: 'someone-else' }) };
    expect(firstIssue(AccountEvent.safeParse(wrong))).toBe('data.accountId: must equal accountId');
    const outcome = safeParseAccountEvent({ ...event, type: 'margin' });
    expect(!outcome.ok && outcome.error.code).toBe('UNKNOWN_TYPE');
  });

  it('route market data by type and refuse a symbol mismatch', () => {
    const event = { version: 1, symbol: 'BTC-PERP', type: 'ticker', data: ex.ticker() };
    expect(safeParseMarketDataEvent(event).ok).toBe(true);
    expect(firstIssue(MarketDataEvent.safeParse({ ...event, symbol: 'ETH-PERP' }))).toBe(
      'data.symbol: must equal symbol',
    );
    const outcome = safeParseMarketDataEvent({ ...event, version: '1' });
    expect(!outcome.ok && outcome.error.code).toBe('UNSUPPORTED_VERSION');
  });
});
