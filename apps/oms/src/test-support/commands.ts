import { randomUUID } from 'node:crypto';
import {
  deduplicationIdOf,
  messageGroupIdOf,
  parseCommandEnvelope,
  type CommandEnvelope,
} from '@perp/contracts';
import type { OutgoingMessage } from '@perp/sqs-adapter';
import { orderIdForCommand, type OrderId } from '@perp/trading-domain';

// Queue commands as the gateway, the operator tools and the venue connector produce them, built
// through the shared contract so a test cannot send what no producer could.

const OPERATOR = 'ops-test';
let counter = 0;
const nextId = (kind: string) => `${kind}-${Date.now()}-${(counter += 1)}`;

function envelope(fields: Record<string, unknown>): CommandEnvelope {
  return parseCommandEnvelope({
    version: 1,
    commandId: nextId('cmd'),
    receivedAt: Date.now(),
    traceId: randomUUID(),
    ...fields,
  });
}

export function createAccountCommand(accountId: string): CommandEnvelope {
  return envelope({
    accountId,
    actorAccountId: OPERATOR,
    source: 'admin',
    type: 'admin.account.create',
    payload: {},
  });
}

export function depositCommand(accountId: string, amount: string): CommandEnvelope {
  return envelope({
    accountId,
    actorAccountId: OPERATOR,
    source: 'admin',
    type: 'admin.deposit',
    payload: { amount },
  });
}

export interface PlaceFields {
  readonly symbol?: string;
  readonly side: 'buy' | 'sell';
  readonly type?: 'limit' | 'market';
  readonly price?: string | null;
  readonly quantity: string;
  readonly timeInForce?: 'gtc' | 'ioc' | 'fok';
  readonly postOnly?: boolean;
  readonly reduceOnly?: boolean;
  readonly clientOrderId?: string;
}

export function placeCommand(accountId: string, fields: PlaceFields): CommandEnvelope {
  const type = fields.type ?? 'limit';
  return envelope({
    accountId,
    source: 'trader',
    type: 'order.place',
    payload: {
      clientOrderId: fields.clientOrderId ?? nextId('co'),
      symbol: fields.symbol ?? 'BTC-PERP',
      side: fields.side,
      type,
      price: fields.price ?? null,
      quantity: fields.quantity,
      timeInForce: fields.timeInForce ?? (type === 'market' ? 'ioc' : 'gtc'),
      postOnly: fields.postOnly ?? false,
      reduceOnly: fields.reduceOnly ?? false,
    },
  });
}

/** The order id the OMS gives the order an order.place command creates. */
export function orderIdOf(command: CommandEnvelope): OrderId {
  return orderIdForCommand(command.commandId, command.receivedAt);
}

export function cancelCommand(
  accountId: string,
  ref: { orderId?: string; clientOrderId?: string; symbol?: string },
): CommandEnvelope {
  return envelope({
    accountId,
    source: 'trader',
    type: 'order.cancel',
    payload: {
      ...(ref.orderId ? { orderId: ref.orderId } : {}),
      ...(ref.clientOrderId ? { clientOrderId: ref.clientOrderId } : {}),
      symbol: ref.symbol ?? 'BTC-PERP',
      reason: 'USER_CANCELED',
    },
  });
}

export function cancelAllCommand(accountId: string, symbol?: string): CommandEnvelope {
  return envelope({
    accountId,
    source: 'trader',
    type: 'order.cancelAll',
    payload: { ...(symbol ? { symbol } : {}), reason: 'USER_CANCELED' },
  });
}

export function tradingStateCommand(
  scope: 'global' | 'symbol' | 'account',
  state: 'active' | 'reducing' | 'halted',
  target?: string,
): CommandEnvelope {
  return envelope({
    accountId: scope === 'account' ? target : OPERATOR,
    actorAccountId: OPERATOR,
    source: 'admin',
    type: 'admin.tradingState.set',
    payload: { scope, state, ...(target ? { target } : {}) },
  });
}

/** The queue message a producer sends for a command: group = account, dedup id per contract. */
export function toMessage(command: CommandEnvelope): OutgoingMessage {
  return {
    body: JSON.stringify(command),
    groupId: messageGroupIdOf(command),
    deduplicationId: deduplicationIdOf(command),
  };
}
