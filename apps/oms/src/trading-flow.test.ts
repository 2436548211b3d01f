import { defined } from '@perp/test-services';
import { Decimal } from '@perp/decimal';
import type { AccountId, InstrumentSymbol } from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionReport } from '@perp/contracts';
import { cancelAllCommand, cancelCommand, placeCommand } from './test-support/commands.ts';
import { startOmsHarness, type OmsHarness } from './test-support/oms-harness.ts';

const d = Decimal.parse;
let h: OmsHarness;

beforeAll(async () => {
  h = await startOmsHarness();
  await h.startOms();
  await h.fundAccounts('100000', 'alice', 'bob', 'carol');
}, 60_000);
afterAll(() => h?.dispose());

const last = (reports: ExecutionReport[]) => reports[reports.length - 1];

describe('OMS on the queue, DynamoDB, Redis and the sim-venue', () => {
  it('places a limit order: stored, routed, accepted, reported with seq 1', async () => {
    const place = placeCommand('alice', { side: 'buy', price: '59000', quantity: '0.5' });
    await h.send(place);
    const accepted = defined((await h.waitForReports('alice', 1))[0], 'an accepted report');
    expect(accepted).toMatchObject({
      accountId: 'alice',
      seq: 1,
      execType: 'accepted',
      status: 'accepted',
      clientOrderId: place.type === 'order.place' ? place.payload.clientOrderId : '',
      symbol: 'BTC-PERP',
      side: 'buy',
      price: '59000',
      quantity: '0.5',
      filledQuantity: '0',
      remainingQuantity: '0.5',
    });
    const stored = await h.store.getOrder('alice' as AccountId, accepted.orderId as never);
    expect(stored?.value.status).toBe('accepted');
    expect(stored?.value.venueOrderId).not.toBeNull();
    const open = await h.store.listOpenOrders('alice' as AccountId);
    expect(open.map((o) => o.value.orderId)).toEqual([accepted.orderId]);
    expect((await h.store.getBalance('alice' as AccountId))?.value.seq).toBe(1);
  });

  it('two accounts cross: trade and filled reports, fills, positions and balances on both sides', async () => {
    await h.send(placeCommand('bob', { side: 'sell', price: '60000', quantity: '0.2' }));
    const [bobAccepted] = await h.waitForReports('bob', 1);
    expect(bobAccepted?.execType).toBe('accepted');
    await h.send(placeCommand('carol', { side: 'buy', price: '60000', quantity: '0.2' }));

    const carol = await h.waitForReports('carol', 2);
    const bob = await h.waitForReports('bob', 2);
    // carol took liquidity: accepted, then one trade that filled her order
    expect(carol.map((r) => [r.seq, r.execType, r.status])).toEqual([
      [1, 'accepted', 'accepted'],
      [2, 'trade', 'filled'],
    ]);
    expect(last(carol)).toMatchObject({
      lastFillPrice: '60000',
      lastFillQuantity: '0.2',
      filledQuantity: '0.2',
      remainingQuantity: '0',
      avgFillPrice: '60000',
    });
    expect(last(bob)).toMatchObject({
      execType: 'trade',
      status: 'filled',
      tradeId: last(carol)?.tradeId,
    });
    // fees: taker 0.05 %, maker 0.02 % of 12 000
    expect(last(carol)?.fee).toBe('6');
    expect(last(bob)?.fee).toBe('2.4');

    const carolPosition = await h.store.getPosition(
      'carol' as AccountId,
      'BTC-PERP' as InstrumentSymbol,
    );
    const bobPosition = await h.store.getPosition(
      'bob' as AccountId,
      'BTC-PERP' as InstrumentSymbol,
    );
    expect(carolPosition?.value.quantity.toString()).toBe('0.2');
    expect(bobPosition?.value.quantity.toString()).toBe('-0.2');
    expect(carolPosition?.value.costBasis.toString()).toBe('12000');
    expect(bobPosition?.value.costBasis.toString()).toBe('12000');
    expect(carolPosition?.value.fees.toString()).toBe('6');

    const carolBalance = await h.store.getBalance('carol' as AccountId);
    const bobBalance = await h.store.getBalance('bob' as AccountId);
    expect(carolBalance?.value.collateral.eq(d('99994'))).toBe(true);
    expect(bobBalance?.value.collateral.eq(d('99997.6'))).toBe(true);

    const [carolFill] = await h.store.listFills('carol' as AccountId);
    expect(carolFill).toMatchObject({
      tradeId: last(carol)?.tradeId,
      side: 'buy',
      liquidity: 'taker',
    });
    const [bobFill] = await h.store.listFills('bob' as AccountId);
    expect(bobFill).toMatchObject({
      tradeId: last(carol)?.tradeId,
      side: 'sell',
      liquidity: 'maker',
    });
    expect(carolFill?.quantity.toString()).toBe('0.2');
    expect(await h.store.listOpenOrders('carol' as AccountId)).toEqual([]);
  });

  it('closing the position realises PnL into collateral', async () => {
    await h.send(placeCommand('bob', { side: 'buy', price: '60500', quantity: '0.2' }));
    await h.waitForReports('bob', 3);
    await h.send(
      placeCommand('carol', { side: 'sell', price: '60500', quantity: '0.2', reduceOnly: true }),
    );
    const carol = await h.waitForReports('carol', 4);
    expect(last(carol)).toMatchObject({ execType: 'trade', status: 'filled' });
    const position = await h.store.getPosition(
      'carol' as AccountId,
      'BTC-PERP' as InstrumentSymbol,
    );
    expect(position?.value.quantity.isZero()).toBe(true);
    // +100 realised (0.2 × 500), fees 6 (open, taker) + 6.05 (close, taker 0.05 % of 12 100)
    const balance = await h.store.getBalance('carol' as AccountId);
    expect(balance?.value.collateral.toString()).toBe('100087.95');
    const bobPosition = await h.store.getPosition(
      'bob' as AccountId,
      'BTC-PERP' as InstrumentSymbol,
    );
    expect(bobPosition?.value.quantity.isZero()).toBe(true);
  });

  it('cancels by client order id: pending then canceled with the requested reason', async () => {
    const place = placeCommand('alice', { side: 'buy', price: '58000', quantity: '0.1' });
    await h.send(place);
    const before = (await h.waitForReports('alice', 2)).length;
    const clientOrderId = place.type === 'order.place' ? place.payload.clientOrderId : '';
    await h.send(cancelCommand('alice', { clientOrderId }));
    const reports = await h.waitForReports('alice', before + 1);
    expect(last(reports)).toMatchObject({
      execType: 'canceled',
      status: 'canceled',
      reason: 'USER_CANCELED',
      clientOrderId,
      filledQuantity: '0',
      remainingQuantity: '0.1', // quantity = filled + remaining holds for every report
    });
  });

  it('cancels an order that is no longer open with cancel_rejected ORDER_NOT_OPEN', async () => {
    const reports = await h.reports('alice');
    const canceled = defined(last(reports), 'the canceled report');
    await h.send(cancelCommand('alice', { orderId: canceled.orderId }));
    const after = await h.waitForReports('alice', reports.length + 1);
    expect(last(after)).toMatchObject({
      execType: 'cancel_rejected',
      reason: 'ORDER_NOT_OPEN',
      orderId: canceled.orderId,
      status: 'canceled',
    });
  });

  it('cancel-all cancels every open order of the account', async () => {
    const count = (await h.reports('alice')).length;
    await h.send(
      placeCommand('alice', { side: 'buy', price: '57000', quantity: '0.1' }),
      placeCommand('alice', { side: 'buy', symbol: 'ETH-PERP', price: '2900', quantity: '1' }),
    );
    await h.waitForReports('alice', count + 2);
    const open = await h.store.listOpenOrders('alice' as AccountId);
    expect(open.length).toBeGreaterThanOrEqual(3);
    await h.send(cancelAllCommand('alice'));
    const reports = await h.waitForReports('alice', count + 2 + open.length);
    const canceled = reports.slice(count + 2).filter((r) => r.execType === 'canceled');
    expect(new Set(canceled.map((r) => r.orderId))).toEqual(
      new Set(open.map((o) => o.value.orderId)),
    );
    await h.waitFor('no open orders', async () =>
      (await h.store.listOpenOrders('alice' as AccountId)).length === 0 ? true : undefined,
    );
  });

  it('numbers every account’s reports 1, 2, 3, … without gaps', async () => {
    for (const account of ['alice', 'bob', 'carol']) {
      const seqs = (await h.reports(account)).map((r) => r.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      expect((await h.store.getBalance(account as AccountId))?.value.seq).toBe(seqs.length);
    }
  });
});
