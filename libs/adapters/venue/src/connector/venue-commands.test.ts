import { CommandEnvelope, deduplicationIdOf, messageGroupIdOf } from '@perp/contracts';
import { describe, expect, it } from 'vitest';
import { Decimal } from '@perp/decimal';
import type {
  AccountId,
  InstrumentSymbol,
  OrderId,
  TradeId,
  VenueName,
  VenueOrderId,
} from '@perp/trading-domain';
import type { z } from 'zod';
import { SimOrderEvent } from '../sim/protocol/order-events.ts';
import type { VenueOrderState } from '../venue-client.ts';
import {
  answerEventCommandId,
  venueEventCommand,
  venueFillCommand,
  venueStateCommand,
} from './venue-commands.ts';

/** Events as the venue sends them; parsed like the connector's stream parses them. */
type SimOrderEventInput = z.input<typeof SimOrderEvent>;
const sim = 'sim' as VenueName;
const ord1 = 'ord-1' as OrderId;
const context = { venue: sim, journalId: 'j1', receivedAt: 1_700_000_000_500 };
const base = { accountId: 'acc-1', orderId: 'ord-1', ts: 1_700_000_000_000 };
const ended = {
  ...base,
  venueOrderId: 'j1-O7',
  symbol: 'BTC-PERP',
  side: 'buy' as const,
  filledQuantity: '0.002',
  remainingQuantity: '0.008',
};

const accepted: SimOrderEventInput = {
  ...base,
  eventSeq: 1,
  kind: 'accepted',
  venueOrderId: 'j1-O7',
  symbol: 'BTC-PERP',
  side: 'buy',
  type: 'limit',
  timeInForce: 'gtc',
  price: '60000',
  quantity: '0.01',
  postOnly: false,
  reduceOnly: false,
};

function commandOf(raw: SimOrderEventInput): CommandEnvelope {
  const event = SimOrderEvent.parse(raw);
  const mapped = venueEventCommand(event, context);
  if (!mapped.ok) throw new Error(mapped.reason);
  // What the connector sends must be what the OMS parses.
  expect(CommandEnvelope.parse(JSON.parse(JSON.stringify(mapped.command)))).toEqual(mapped.command);
  expect(messageGroupIdOf(mapped.command)).toBe(event.accountId);
  expect(deduplicationIdOf(mapped.command)).toBe(mapped.command.commandId);
  return mapped.command;
}

describe('venueEventCommand', () => {
  it('accepted → venue.orderAccepted with an id derived from our order id', () => {
    const command = commandOf(accepted);
    expect(command).toEqual({
      version: 1,
      commandId: 'sim:accepted:ord-1',
      accountId: 'acc-1',
      type: 'venue.orderAccepted',
      source: 'venue',
      payload: {
        venue: 'sim',
        orderId: 'ord-1',
        symbol: 'BTC-PERP',
        ts: base.ts,
        venueOrderId: 'j1-O7',
      },
      receivedAt: context.receivedAt,
      traceId: 'sim:accepted:ord-1',
    });
  });

  it('fill → venue.orderFilled per (trade, order), with the exact fee', () => {
    const command = commandOf({
      ...ended,
      eventSeq: 2,
      kind: 'fill',
      tradeId: 'j1-T3',
      price: '60000.5',
      quantity: '0.002',
      liquidity: 'maker',
      fee: '-0.0240002',
    });
    expect(command).toMatchObject({
      commandId: 'sim:fill:j1-T3:ord-1',
      type: 'venue.orderFilled',
      payload: { tradeId: 'j1-T3', price: '60000.5', quantity: '0.002', fee: '-0.0240002' },
    });
  });

  it.each([
    ['POST_ONLY_WOULD_CROSS', 'VENUE_POST_ONLY_WOULD_CROSS'],
    ['TICK_SIZE', 'VENUE_REJECTED'],
    ['UNKNOWN_SYMBOL', 'VENUE_REJECTED'],
  ] as const)('rejected %s → venue.orderRejected %s (the venue reason kept)', (reason, mapped) => {
    const command = commandOf({
      ...base,
      eventSeq: 3,
      kind: 'rejected',
      symbol: 'BTC-PERP',
      reason,
    });
    expect(command).toMatchObject({
      commandId: 'sim:rejected:ord-1',
      type: 'venue.orderRejected',
      payload: { reason: mapped, venueMessage: reason },
    });
  });

  it('canceled: our own cancel carries no reason; self-trade prevention does', () => {
    const ours = commandOf({ ...ended, eventSeq: 4, kind: 'canceled', reason: 'USER_CANCELED' });
    expect(ours).toMatchObject({ commandId: 'sim:canceled:ord-1', type: 'venue.orderCanceled' });
    expect(ours.payload).not.toHaveProperty('reason');
    const stp = commandOf({
      ...ended,
      eventSeq: 5,
      kind: 'canceled',
      reason: 'SELF_TRADE_PREVENTION',
    });
    expect(stp.payload).toMatchObject({ reason: 'SELF_TRADE_PREVENTION' });
  });

  it.each(['IOC_REMAINDER', 'FOK_NOT_FILLABLE', 'MARKET_NO_LIQUIDITY'] as const)(
    'expired %s → venue.orderExpired',
    (reason) => {
      const command = commandOf({ ...ended, eventSeq: 6, kind: 'expired', reason });
      expect(command).toMatchObject({
        commandId: 'sim:expired:ord-1',
        type: 'venue.orderExpired',
        payload: { reason, venueOrderId: 'j1-O7' },
      });
    },
  );

  it('cancel_rejected → venue.cancelRejected, one command per refusal', () => {
    const refusal = {
      ...base,
      kind: 'cancel_rejected' as const,
      venueOrderId: null,
      symbol: 'BTC-PERP',
      reason: 'UNKNOWN_ORDER' as const,
    };
    const first = commandOf({ ...refusal, eventSeq: 7 });
    const second = commandOf({
      ...refusal,
      eventSeq: 9,
      reason: 'ORDER_NOT_OPEN',
      venueOrderId: 'j1-O7',
    });
    expect(first).toMatchObject({
      commandId: 'sim:cancel-rejected:j1:7',
      type: 'venue.cancelRejected',
      payload: { reason: 'UNKNOWN_ORDER' },
    });
    expect(first.payload).not.toHaveProperty('venueOrderId');
    expect(second).toMatchObject({
      commandId: 'sim:cancel-rejected:j1:9',
      payload: { reason: 'ORDER_NOT_OPEN', venueOrderId: 'j1-O7' },
    });
  });

  it('cannot make a command of a refusal that names no symbol', () => {
    const mapped = venueEventCommand(
      SimOrderEvent.parse({
        ...base,
        eventSeq: 8,
        kind: 'cancel_rejected',
        venueOrderId: null,
        symbol: null,
        reason: 'UNKNOWN_ORDER',
      }),
      context,
    );
    expect(mapped).toEqual({ ok: false, reason: 'the event names no symbol' });
  });

  it('hashes ids that would pass 128 characters, deterministically', () => {
    const event: SimOrderEventInput = {
      ...ended,
      accountId: 'a'.repeat(64),
      orderId: 'o'.repeat(64),
      eventSeq: 10,
      kind: 'fill',
      tradeId: 't'.repeat(100),
      price: '1',
      quantity: '1',
      liquidity: 'taker',
      fee: '0',
    };
    const first = commandOf(event);
    expect(first.commandId).toMatch(/^sim:fill:h:[0-9a-f]{64}$/);
    expect(commandOf({ ...event, eventSeq: 11 }).commandId).toBe(first.commandId);
  });
});

describe('answerEventCommandId', () => {
  it('is the id of the streamed event that repeats an answer (accepted, rejected, canceled)', () => {
    const acceptedCommand = commandOf(accepted);
    expect(answerEventCommandId(sim, 'accepted', ord1)).toBe(acceptedCommand.commandId);
    const canceled = commandOf({
      ...ended,
      eventSeq: 2,
      kind: 'canceled',
      reason: 'USER_CANCELED',
    });
    expect(answerEventCommandId(sim, 'canceled', ord1)).toBe(canceled.commandId);
    expect(answerEventCommandId(sim, 'rejected', ord1)).not.toBe(acceptedCommand.commandId);
    // long order ids are hashed the same way
    const long = 'o'.repeat(200) as OrderId;
    expect(answerEventCommandId(sim, 'accepted', long)).toMatch(/^sim:accepted:h:[0-9a-f]{64}$/);
  });
});

describe('venueStateCommand and venueFillCommand', () => {
  const ref = {
    accountId: 'acc-1' as AccountId,
    orderId: ord1,
    symbol: 'BTC-PERP' as InstrumentSymbol,
  };
  const state = (status: VenueOrderState['status'], reason: string | null = null) => ({
    orderId: ord1,
    venueOrderId: (status === 'rejected' ? null : 'j1-O7') as VenueOrderId | null,
    status,
    filledQuantity: Decimal.parse('0.002'),
    reason,
  });
  const mapped = (command: ReturnType<typeof venueStateCommand>) => {
    if (!command?.ok) throw new Error('not mapped');
    expect(CommandEnvelope.parse(JSON.parse(JSON.stringify(command.command)))).toEqual(
      command.command,
    );
    return command.command;
  };

  it('carries the ids of the stream events for the same facts, so whichever comes second is a duplicate', () => {
    const lookup = { venue: sim, receivedAt: 1_700_000_001_000 };
    expect(mapped(venueStateCommand(state('open'), ref, lookup)).commandId).toBe(
      commandOf(accepted).commandId,
    );
    expect(mapped(venueStateCommand(state('filled'), ref, lookup)).type).toBe(
      'venue.orderAccepted',
    );
    expect(mapped(venueStateCommand(state('canceled'), ref, lookup)).commandId).toBe(
      commandOf({ ...ended, eventSeq: 3, kind: 'canceled', reason: 'USER_CANCELED' }).commandId,
    );
    const expired = mapped(venueStateCommand(state('expired', 'IOC_REMAINDER'), ref, lookup));
    expect(expired).toMatchObject({
      commandId: commandOf({ ...ended, eventSeq: 4, kind: 'expired', reason: 'IOC_REMAINDER' })
        .commandId,
      payload: { reason: 'IOC_REMAINDER' },
    });
    expect(
      mapped(venueStateCommand(state('expired', 'iocCancel'), ref, lookup)).payload,
    ).toMatchObject({ reason: 'VENUE_EXPIRED' });
    expect(mapped(venueStateCommand(state('rejected', 'TICK_SIZE'), ref, lookup))).toMatchObject({
      commandId: answerEventCommandId(sim, 'rejected', ord1),
      payload: { reason: 'VENUE_REJECTED', venueMessage: 'TICK_SIZE' },
    });
    expect(
      venueStateCommand({ ...state('open'), venueOrderId: null }, ref, lookup),
    ).toBeUndefined();

    const fill = venueFillCommand(
      {
        tradeId: 'j1-T3' as TradeId,
        venueOrderId: 'j1-O7' as VenueOrderId,
        price: Decimal.parse('60000.5'),
        quantity: Decimal.parse('0.002'),
        fee: Decimal.parse('-0.0240002'),
        liquidity: 'maker',
        ts: 1_700_000_000_000,
      },
      ref,
      lookup,
    );
    expect(mapped(fill)).toMatchObject({
      commandId: 'sim:fill:j1-T3:ord-1',
      type: 'venue.orderFilled',
      payload: { tradeId: 'j1-T3', price: '60000.5', fee: '-0.0240002', liquidity: 'maker' },
    });
  });
});
