import type { ExecutionReport, TradingStateEvent } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import { ReportPublisher, redisKeyspace } from '@perp/redis-adapter';
import type { Redis } from 'ioredis';

/**
 * Publishes execution reports as the OMS does (ReportPublisher: the account's replay stream, the
 * events stream, the live channel), numbering each account's reports.
 */
export class OmsReports {
  readonly #publisher: ReportPublisher;
  readonly #seq = new Map<string, number>();

  constructor(redis: Redis, keyPrefix: string) {
    this.#publisher = new ReportPublisher({ redis, keys: redisKeyspace(keyPrefix) });
  }

  /** A fill of `quantity` of a 1 BTC-PERP buy at 60000.5; `tradeId` makes it unique. */
  async fill(accountId: string, tradeId: string, quantity = '0.1'): Promise<ExecutionReport> {
    const seq = (this.#seq.get(accountId) ?? 0) + 1;
    this.#seq.set(accountId, seq);
    const report = {
      version: 1,
      seq,
      accountId,
      orderId: `ord-${tradeId}`,
      clientOrderId: `c-${tradeId}`,
      symbol: 'BTC-PERP',
      side: 'buy',
      type: 'limit',
      timeInForce: 'gtc',
      price: '60000.5',
      quantity: '1',
      filledQuantity: quantity,
      remainingQuantity: Decimal.ONE.sub(Decimal.parse(quantity)).toString(),
      avgFillPrice: '60000.5',
      status: 'partially_filled',
      execType: 'trade',
      lastFillPrice: '60000.5',
      lastFillQuantity: quantity,
      fee: '0.03',
      tradeId,
      reason: null,
      ts: Date.now(),
    } as ExecutionReport;
    await this.#publisher.publish([report]);
    return report;
  }

  /** The report that ends a resting 1 BTC-PERP buy at 60000.5 without a fill. */
  async ended(
    accountId: string,
    clientOrderId: string,
    execType: 'canceled' | 'denied',
    reason: 'USER_CANCELED' | 'INSUFFICIENT_MARGIN',
  ): Promise<void> {
    const seq = (this.#seq.get(accountId) ?? 0) + 1;
    this.#seq.set(accountId, seq);
    const report = {
      version: 1,
      seq,
      accountId,
      orderId: `ord-${clientOrderId}`,
      clientOrderId,
      symbol: 'BTC-PERP',
      side: 'buy',
      type: 'limit',
      timeInForce: 'gtc',
      price: '60000.5',
      quantity: '1',
      filledQuantity: '0',
      remainingQuantity: '1',
      avgFillPrice: null,
      status: execType,
      execType,
      lastFillPrice: null,
      lastFillQuantity: null,
      fee: null,
      tradeId: null,
      reason,
      ts: Date.now(),
    } as ExecutionReport;
    await this.#publisher.publish([report]);
  }

  /** An operator's trading state, as the OMS publishes it after setting it (the JSON of a TradingStateEvent). */
  async tradingState(change: {
    readonly scope: TradingStateEvent['scope'];
    readonly target?: string;
    readonly state: TradingStateEvent['state'];
    readonly commandId: string;
  }): Promise<void> {
    await this.#publisher.publishEvent('trading_state', { ...change, ts: Date.now() });
  }

  /** The same report again, as a second delivery of the stream entry would carry it. */
  async republishRaw(redis: Redis, stream: string, report: ExecutionReport): Promise<void> {
    await redis.xadd(
      stream,
      '*',
      'type',
      'execution_report',
      'accountId',
      report.accountId,
      'seq',
      String(report.seq),
      'report',
      JSON.stringify(report),
    );
  }
}
