import { describe, expect, it } from 'vitest';
import {
  COMMAND_TYPES,
  CommandEnvelope,
  MessageParseError,
  SQS_ID_PATTERN,
  commandDeduplicationId,
  deduplicationIdOf,
  messageGroupIdOf,
  parseCommandEnvelope,
  safeParseCommandEnvelope,
  type CommandEnvelope as CommandEnvelopeType,
} from './index.ts';
import { ACCOUNT, OPERATOR, commands } from './test-support/examples.ts';

const failure = (input: unknown): MessageParseError => {
  const outcome = safeParseCommandEnvelope(input);
  if (outcome.ok) throw new Error('expected a parse failure');
  return outcome.error;
};

const place = commands['order.place'];

describe('CommandEnvelope', () => {
  it('has a valid example of every command type', () => {
    expect(Object.keys(commands).sort()).toEqual([...COMMAND_TYPES].sort());
    expect(CommandEnvelope.options.map((option) => option.shape.type.value).sort()).toEqual(
      [...COMMAND_TYPES].sort(),
    );
  });

  it.each(Object.entries(commands))('parses %s', (type, command) => {
    const parsed = parseCommandEnvelope(command);
    expect(parsed.type).toBe(type);
    expect(parsed).toEqual(command);
  });

  it('narrows the payload by type', () => {
    const parsed: CommandEnvelopeType = parseCommandEnvelope(commands['venue.orderFilled']);
    if (parsed.type !== 'venue.orderFilled') throw new Error('narrowing failed');
    expect(parsed.payload.liquidity).toBe('maker');
  });

  it('rejects an unknown version before reading anything else', () => {
    const error = failure({ ...place, version: 2, payload: 'not even an object' });
    expect(error).toBeInstanceOf(MessageParseError);
    expect(error.code).toBe('UNSUPPORTED_VERSION');
    expect(error.versionSeen).toBe(2);
    expect(error.supportedVersions).toEqual([1]);
    expect(error.message).toBe('CommandEnvelope: version 2 is not supported (supported: 1)');
    expect(failure({ ...place, version: '1' }).code).toBe('UNSUPPORTED_VERSION');
  });

  it('refuses a deeply nested version or type without throwing (no stack overflow)', () => {
    // Found by the hostile suite: the error message used to JSON.stringify the value seen.
    const deep: unknown = JSON.parse(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    expect(failure({ ...place, version: deep }).message).toBe(
      'CommandEnvelope: version an array is not supported (supported: 1)',
    );
    expect(failure({ ...place, type: deep }).code).toBe('UNKNOWN_TYPE');
    expect(failure({ ...place, type: 'x'.repeat(10_000) }).message.length).toBeLessThan(400);
  });

  it('rejects a missing version as invalid', () => {
    const { version: _version, ...unversioned } = place;
    const error = failure(unversioned);
    expect(error.code).toBe('INVALID_MESSAGE');
    expect(error.path).toBe('version');
  });

  it('rejects an unknown type with the type seen and the known ones', () => {
    const error = failure({ ...place, type: 'order.amend' });
    expect(error.code).toBe('UNKNOWN_TYPE');
    expect(error.typeSeen).toBe('order.amend');
    expect(error.message).toContain(
      'type "order.amend" is unknown (known: order.place, order.cancel',
    );
  });

  it('rejects an invalid message with the path of the first problem', () => {
    const error = failure({ ...place, payload: { ...place.payload, quantity: '1e3' } });
    expect(error.code).toBe('INVALID_MESSAGE');
    expect(error.path).toBe('payload.quantity');
    expect(error.message).toMatch(
      /^CommandEnvelope: invalid at payload\.quantity: must be a positive decimal/,
    );
    expect(failure({ ...place, extra: 1 }).path).toBe('extra');
    expect(failure('{"version":1}').code).toBe('INVALID_MESSAGE');
    expect(failure(null).code).toBe('INVALID_MESSAGE');
    expect(() => parseCommandEnvelope([])).toThrowError(MessageParseError);
  });

  it('requires a complete order.place payload (defaults are resolved before queueing)', () => {
    const { timeInForce: _tif, ...payload } = place.payload;
    expect(failure({ ...place, payload }).path).toBe('payload.timeInForce');
    expect(failure({ ...place, payload: { ...place.payload, respType: 'ack' } }).path).toBe(
      'payload.respType',
    );
  });

  it('forbids a price on a queued market order and requires one on a limit order', () => {
    const market = { ...place.payload, type: 'market' };
    expect(failure({ ...place, payload: market }).path).toBe('payload.price');
    const { price: _price, ...limitWithoutPrice } = place.payload;
    expect(failure({ ...place, payload: limitWithoutPrice }).path).toBe('payload.price');
  });

  describe('system commands (margin calls) reuse the order commands with source "system"', () => {
    const liquidation = {
      ...place,
      source: 'system',
      payload: {
        ...place.payload,
        type: 'market',
        price: undefined,
        timeInForce: 'ioc',
        reduceOnly: true,
      },
    };

    it('accepts a reduce-only IOC order and a margin-call cancel', () => {
      expect(safeParseCommandEnvelope(liquidation).ok).toBe(true);
      const cancelAll = {
        ...commands['order.cancelAll'],
        source: 'system',
        payload: { reason: 'MARGIN_CALL' },
      };
      expect(safeParseCommandEnvelope(cancelAll).ok).toBe(true);
    });

    it('refuses a system order that could increase a position or rest on the book', () => {
      expect(
        failure({ ...liquidation, payload: { ...liquidation.payload, reduceOnly: false } }).path,
      ).toBe('payload.reduceOnly');
      expect(
        failure({ ...liquidation, payload: { ...liquidation.payload, timeInForce: 'gtc' } }).path,
      ).toBe('payload.timeInForce');
    });

    it('ties cancel reasons to their source', () => {
      const cancel = commands['order.cancel'];
      expect(failure({ ...cancel, source: 'system' }).path).toBe('payload.reason');
      expect(
        failure({ ...cancel, payload: { ...cancel.payload, reason: 'MARGIN_CALL' } }).path,
      ).toBe('payload.reason');
      const adminCancel = {
        ...cancel,
        source: 'admin',
        payload: { ...cancel.payload, reason: 'ADMIN_CANCELED' },
      };
      expect(failure(adminCancel).path).toBe('actorAccountId');
      expect(safeParseCommandEnvelope({ ...adminCancel, actorAccountId: OPERATOR }).ok).toBe(true);
    });

    it('refuses a venue-side reason in a cancel request', () => {
      const cancel = commands['order.cancel'];
      expect(
        failure({ ...cancel, payload: { ...cancel.payload, reason: 'VENUE_CANCELED' } }).path,
      ).toBe('payload.reason');
    });
  });

  it('refuses a source that cannot issue the type', () => {
    expect(failure({ ...place, source: 'venue' }).path).toBe('source');
    expect(failure({ ...commands['venue.orderFilled'], source: 'trader' }).path).toBe('source');
    expect(failure({ ...commands['admin.deposit'], source: 'system' }).path).toBe('source');
  });

  it('names the operator of every admin command', () => {
    const { actorAccountId: _actor, ...anonymous } = commands['admin.deposit'];
    expect(failure(anonymous).path).toBe('actorAccountId');
  });

  it('orders a trading-state change with the account it targets', () => {
    const set = commands['admin.tradingState.set'];
    expect(failure({ ...set, accountId: OPERATOR }).path).toBe('accountId');
    const global = { ...set, accountId: OPERATOR, payload: { scope: 'global', state: 'halted' } };
    expect(safeParseCommandEnvelope(global).ok).toBe(true);
  });

  it('requires exactly one order reference in a cancel', () => {
    const cancel = commands['order.cancel'];
    expect(
      failure({ ...cancel, payload: { symbol: 'BTC-PERP', reason: 'USER_CANCELED' } }).path,
    ).toBe('payload.clientOrderId');
  });

  it('validates venue fills exactly', () => {
    const filled = commands['venue.orderFilled'];
    expect(failure({ ...filled, payload: { ...filled.payload, liquidity: 'both' } }).path).toBe(
      'payload.liquidity',
    );
    expect(failure({ ...filled, payload: { ...filled.payload, price: 61234.5 } }).path).toBe(
      'payload.price',
    );
    expect(failure({ ...filled, payload: { ...filled.payload, tradeId: undefined } }).path).toBe(
      'payload.tradeId',
    );
  });
});

describe('deduplication and grouping', () => {
  it('derives the order.place deduplication id deterministically from account and clientOrderId', () => {
    const a = commandDeduplicationId(ACCOUNT, 'my-order-1');
    expect(a).toBe(commandDeduplicationId(ACCOUNT, 'my-order-1'));
    expect(a).toBe(`order.place:${ACCOUNT}:my-order-1`);
    expect(commandDeduplicationId(ACCOUNT, 'my-order-2')).not.toBe(a);
    expect(commandDeduplicationId('other', 'my-order-1')).not.toBe(a);
    // The separator cannot occur in either id, so shifting characters between them cannot collide.
    expect(commandDeduplicationId('ab', 'c')).not.toBe(commandDeduplicationId('a', 'bc'));
  });

  it('stays within SQS limits for the longest ids', () => {
    const id = commandDeduplicationId('a'.repeat(64), 'z'.repeat(36));
    expect(id.length).toBeLessThanOrEqual(128);
    expect(id).toMatch(SQS_ID_PATTERN);
    for (const command of Object.values(commands)) {
      const parsed = parseCommandEnvelope(command);
      expect(deduplicationIdOf(parsed)).toMatch(SQS_ID_PATTERN);
      expect(messageGroupIdOf(parsed)).toMatch(SQS_ID_PATTERN);
    }
  });

  it('refuses ids that could break the format', () => {
    expect(() => commandDeduplicationId('a:b', 'c')).toThrowError(RangeError);
    expect(() => commandDeduplicationId(ACCOUNT, 'x'.repeat(37))).toThrowError(RangeError);
    expect(() => commandDeduplicationId('', 'c')).toThrowError(RangeError);
  });

  it('uses the clientOrderId for order.place and the commandId for everything else', () => {
    const retried = parseCommandEnvelope({ ...place, commandId: 'cmd-retry' });
    expect(deduplicationIdOf(retried)).toBe(deduplicationIdOf(parseCommandEnvelope(place)));
    expect(deduplicationIdOf(parseCommandEnvelope(commands['order.cancel']))).toBe('cmd-0001');
    expect(messageGroupIdOf(parseCommandEnvelope(place))).toBe(ACCOUNT);
  });
});
