import asyncApiSpecs from '@asyncapi/specs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  ASYNCAPI_SERVER,
  MARKET_CHANNEL_KINDS,
  PRIVATE_CHANNELS,
  RPC_ERROR_MEANINGS,
  RPC_METHOD_NAMES,
  RpcErrorCode,
  RpcMethods,
  asyncApiDocument,
  invalidParamsError,
  methodSchemaName,
  rpcError,
  rpcFailure,
  rpcSuccess,
  sessionShutdownNotification,
  subscriptionNotification,
  type RpcMethodName,
} from './index.ts';
import * as ex from './test-support/examples.ts';

const document = asyncApiDocument();
const { schemas, messages } = document.components;

/** Resolves a local JSON pointer ("#/components/messages/X") inside the document. */
function resolvePointer(pointer: string): unknown {
  if (!pointer.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of pointer.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function refsIn(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] ?? '');
}

/** The payload schema name of a channel message reference. */
function payloadOf(channelMessageRef: string): string {
  const message = resolvePointer(channelMessageRef) as { $ref: string } | undefined;
  const name = message?.$ref.split('/').pop() ?? '';
  return messages[name]?.payload.$ref.split('/').pop() ?? '';
}

describe('AsyncAPI document', () => {
  it('is valid against the AsyncAPI 3.0.0 JSON Schema (@asyncapi/specs)', () => {
    const ajv = new Ajv({
      strict: false,
      validateFormats: false,
      validateSchema: false,
      meta: false,
    });
    const validate = ajv.compile(asyncApiSpecs.schemas['3.0.0']);
    const valid = validate(document);
    expect(valid ? [] : validate.errors?.slice(0, 5)).toEqual([]);
    const broken = structuredClone(document) as unknown as Record<string, Record<string, unknown>>;
    broken['operations'] = {
      sendPing: { action: 'publish', channel: { $ref: '#/channels/socket' } },
    };
    expect(validate(broken)).toBe(false);
    expect(validate({ ...document, asyncapi: '2.6.0' })).toBe(false);
  });

  it('is plain, deterministic JSON', () => {
    const text = JSON.stringify(document);
    expect(JSON.parse(text)).toEqual(document);
    expect(JSON.stringify(asyncApiDocument())).toBe(text);
  });

  it('resolves every $ref inside the document', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(300);
    expect(refs.filter((ref) => resolvePointer(ref) === undefined)).toEqual([]);
  });

  it('carries only the schemas its messages reach', () => {
    const reached = new Set(refsIn(schemas).map((ref) => ref.split('/').pop()));
    for (const message of Object.values(messages))
      reached.add(message.payload.$ref.split('/').pop());
    expect(Object.keys(schemas).filter((name) => !reached.has(name))).toEqual([]);
    expect(schemas).not.toHaveProperty('CommandEnvelope');
  });

  it('describes the local server with bearer-JWT security', () => {
    expect(document.servers['local']).toMatchObject({
      host: '127.0.0.1:8080',
      pathname: '/v1/ws',
      protocol: 'ws',
      security: [{ $ref: '#/components/securitySchemes/bearerJwt' }],
    });
    expect(ASYNCAPI_SERVER.name).toBe('local');
    expect(document.components.securitySchemes['bearerJwt']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('has a send operation for every method, replied to by its result or an error', () => {
    const sends = Object.values(document.operations).filter((op) => op.action === 'send');
    expect(sends).toHaveLength(RPC_METHOD_NAMES.length);
    for (const method of RPC_METHOD_NAMES) {
      const op = sends.find((o) => o.title === `Call ${method}`);
      expect(op, method).toBeDefined();
      if (!op) continue;
      expect(op.messages.map((m) => payloadOf(m.$ref))).toEqual([
        methodSchemaName(method, 'Request'),
      ]);
      expect(op.reply?.messages.map((m) => payloadOf(m.$ref))).toEqual([
        methodSchemaName(method, 'Response'),
        'RpcErrorResponse',
      ]);
      expect(op['x-auth-level']).toBe(RpcMethods[method].auth);
      expect(op.security !== undefined).toBe(RpcMethods[method].auth !== 'public');
      const request = schemas[methodSchemaName(method, 'Request')];
      expect(request?.properties?.['method']).toEqual({ type: 'string', const: method });
      expect(request?.properties?.['params']).toEqual({
        $ref: `#/components/schemas/${methodSchemaName(method, 'Params')}`,
      });
    }
  });

  it('has a receive operation for every result, errors, every channel and session.shutdown', () => {
    const received = Object.values(document.operations)
      .filter((op) => op.action === 'receive')
      .flatMap((op) => op.messages.map((m) => payloadOf(m.$ref)));
    expect(received).toEqual(
      expect.arrayContaining([
        ...RPC_METHOD_NAMES.map((method) => methodSchemaName(method, 'Response')),
        'RpcErrorResponse',
        'OrdersNotification',
        'FillsNotification',
        'PositionsNotification',
        'AccountNotification',
        'BookNotification',
        'TradesNotification',
        'TickerNotification',
        'SessionShutdownNotification',
      ]),
    );
    const notified = Object.values(messages)
      .filter((m) => m.name === 'subscription')
      .map((m) => m.title.split(' ')[0]);
    expect(notified).toEqual([
      ...PRIVATE_CHANNELS,
      ...MARKET_CHANNEL_KINDS.map((kind) => `${kind}.{symbol}`),
    ]);
  });

  it('lists every documented error code, with its meaning', () => {
    const error = schemas['RpcErrorResponse']?.properties?.['error'];
    const code = typeof error === 'object' ? error.properties?.['code'] : undefined;
    const codes = Object.values(RpcErrorCode);
    expect(typeof code === 'object' ? code.enum : undefined).toEqual(codes);
    for (const value of codes) {
      expect(messages['RpcErrorResponse']?.description).toContain(
        `\`${value}\` ${Object.keys(RpcErrorCode).find((k) => RpcErrorCode[k as keyof typeof RpcErrorCode] === value)}`,
      );
      expect(messages['RpcErrorResponse']?.description).toContain(RPC_ERROR_MEANINGS[value]);
    }
  });

  describe('accepts real messages (checked by a JSON Schema draft-07 validator)', () => {
    const ajv = new Ajv({ strict: false });
    ajv.addSchema({ $id: 'asyncapi', components: { schemas } });
    const validate = (name: string, value: unknown) => {
      const check = ajv.getSchema(`asyncapi#/components/schemas/${name}`);
      if (!check) throw new Error(`no schema ${name}`);
      return check(value) ? 'valid' : JSON.stringify(check.errors?.[0]);
    };

    const ack = { commandId: 'cmd-0001' };
    const results: Record<RpcMethodName, unknown> = {
      'public.ping': { ts: ex.T0 },
      'public.time': { serverTime: ex.T0 },
      'public.instruments': [ex.instrument()],
      'public.book': ex.bookSnapshot(),
      'auth.login': { accountId: ex.ACCOUNT, roles: ['trader'], expiresAt: ex.T0 },
      subscribe: { subscribed: ['orders', 'book.BTC-PERP'] },
      unsubscribe: { unsubscribed: ['book.BTC-PERP'] },
      'order.place': { clientOrderId: 'my-order-1', status: 'submitted', commandId: 'cmd-0001' },
      'order.cancel': { clientOrderId: 'my-order-1', status: 'pending_cancel', commandId: 'c-2' },
      'order.cancelAll': ack,
      'order.get': ex.order(),
      'orders.open': [ex.order()],
      'orders.history': [ex.order({ status: 'filled' }), ex.order()],
      'fills.list': [ex.fill()],
      'positions.list': [ex.position()],
      'account.get': ex.accountSnapshot(),
      'session.cancelOnDisconnect': { enabled: true },
      'telegram.link': {
        code: '7K3Q9XW2MD',
        expiresAt: ex.T0,
        url: 'https://t.me/perp_local_bot?start=7K3Q9XW2MD',
      },
      'admin.account.create': ack,
      'admin.deposit': ack,
      'admin.tradingState.set': ack,
    };

    const requests = RPC_METHOD_NAMES.flatMap((method) =>
      ex.validParams[method].map((params, i) => {
        const request = { jsonrpc: '2.0', id: i === 0 ? 1 : `req-${i}`, method, params };
        if (params === undefined) delete request.params;
        return [methodSchemaName(method, 'Request'), request] as const;
      }),
    );
    it.each(requests)('accepts a %s', (name, request) => {
      expect(validate(name, request)).toBe('valid');
    });

    it.each(RPC_METHOD_NAMES.map((method) => [method] as const))(
      'accepts a %s result',
      (method) => {
        expect(RpcMethods[method].result.safeParse(results[method]).success).toBe(true);
        expect(validate(methodSchemaName(method, 'Response'), rpcSuccess(7, results[method]))).toBe(
          'valid',
        );
      },
    );

    it('accepts an order.place result that is an execution report', () => {
      expect(validate('OrderPlaceResponse', rpcSuccess(8, ex.executionReport()))).toBe('valid');
    });

    it('accepts every error code', () => {
      for (const code of Object.values(RpcErrorCode)) {
        expect(validate('RpcErrorResponse', rpcFailure(3, rpcError(code)))).toBe('valid');
      }
      const invalid = RpcMethods['order.place'].params.safeParse({});
      if (invalid.success) throw new Error('empty order.place params parsed');
      expect(validate('RpcErrorResponse', rpcFailure(4, invalidParamsError(invalid.error)))).toBe(
        'valid',
      );
      expect(
        validate('RpcErrorResponse', rpcFailure(null, rpcError(RpcErrorCode.ParseError))),
      ).toBe('valid');
    });

    const notifications: ReadonlyArray<readonly [string, unknown]> = [
      [
        'OrdersNotification',
        subscriptionNotification('orders', { snapshot: true, orders: [ex.order()] as never }),
      ],
      ['OrdersNotification', subscriptionNotification('orders', ex.executionReport() as never)],
      ['FillsNotification', subscriptionNotification('fills', ex.fill() as never)],
      [
        'PositionsNotification',
        subscriptionNotification('positions', { snapshot: true, positions: [] }),
      ],
      ['PositionsNotification', subscriptionNotification('positions', ex.position() as never)],
      ['AccountNotification', subscriptionNotification('account', ex.accountSnapshot() as never)],
      [
        'BookNotification',
        subscriptionNotification('book.BTC-PERP', {
          snapshot: true,
          book: ex.bookSnapshot() as never,
        }),
      ],
      ['BookNotification', subscriptionNotification('book.BTC-PERP', ex.bookUpdate() as never)],
      [
        'TradesNotification',
        subscriptionNotification('trades.BTC-PERP', ex.publicTrade() as never),
      ],
      ['TickerNotification', subscriptionNotification('ticker.ETH-PERP', ex.ticker() as never)],
      ['SessionShutdownNotification', sessionShutdownNotification(1500)],
    ];
    it.each(notifications)('accepts a %s', (name, notification) => {
      expect(validate(name, notification)).toBe('valid');
    });

    const invalid: ReadonlyArray<readonly [string, unknown]> = [
      ['OrderPlaceRequest', { jsonrpc: '2.0', id: 1, method: 'order.place' }],
      ['OrderPlaceRequest', { jsonrpc: '2.0', id: 1, method: 'order.get', params: {} }],
      [
        'OrderGetRequest',
        { jsonrpc: '2.0', id: 1, method: 'order.get', params: { symbol: 'BTC-PERP' } },
      ],
      ['PublicPingRequest', { jsonrpc: '2.0', id: 1, method: 'public.ping', params: { x: 1 } }],
      ['PublicPingRequest', { jsonrpc: '1.0', id: 1, method: 'public.ping' }],
      ['OrderGetResponse', rpcSuccess(1, { ...ex.order(), price: '1e3' })],
      ['RpcErrorResponse', rpcFailure(1, { code: 12345, message: 'no such code' })],
      ['TickerNotification', subscriptionNotification('trades.BTC-PERP', ex.ticker() as never)],
      ['FillsNotification', { ...subscriptionNotification('fills', ex.fill() as never), id: 1 }],
    ];
    it.each(invalid)('rejects an invalid %s', (name, value) => {
      expect(validate(name, value)).not.toBe('valid');
    });
  });
});
