import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  RPC_METHOD_NAMES,
  exportJsonSchemaDocument,
  exportJsonSchemas,
  methodSchemaName,
} from './index.ts';
import * as ex from './test-support/examples.ts';

const document = exportJsonSchemaDocument();
const defs = document.$defs as Record<string, unknown>;

const messages = [
  'Decimal',
  'PositiveDecimal',
  'ClientOrderId',
  'InstrumentSymbol',
  'OrderReason',
  'ExecutionReport',
  'Order',
  'Fill',
  'Position',
  'AccountSnapshot',
  'Instrument',
  'BookSnapshot',
  'BookUpdate',
  'PublicTrade',
  'Ticker',
  'AccountEvent',
  'MarketDataEvent',
  'JsonRpcRequest',
  'JsonRpcSuccessResponse',
  'JsonRpcErrorResponse',
  'JsonRpcNotification',
  'InvalidParamsErrorData',
  'SubscriptionNotification',
  'OrdersNotification',
  'FillsNotification',
  'PositionsNotification',
  'AccountNotification',
  'BookNotification',
  'TradesNotification',
  'TickerNotification',
  'SessionShutdownNotification',
  'ServerNotification',
  'CommandEnvelope',
  'OrderPlaceCommand',
  'OrderCancelCommand',
  'OrderCancelAllCommand',
  'AdminAccountCreateCommand',
  'AdminDepositCommand',
  'AdminTradingStateSetCommand',
  'VenueOrderAcceptedCommand',
  'VenueOrderRejectedCommand',
  'VenueOrderFilledCommand',
  'VenueOrderCanceledCommand',
  'VenueOrderExpiredCommand',
  'VenueCancelRejectedCommand',
];

describe('JSON Schema export', () => {
  it('contains every message under its stable name', () => {
    expect(messages.filter((name) => !(name in defs))).toEqual([]);
  });

  it('contains params and result of every method', () => {
    const names = RPC_METHOD_NAMES.flatMap((m) => [
      methodSchemaName(m, 'Params'),
      methodSchemaName(m, 'Result'),
    ]);
    expect(names.filter((name) => !(name in defs))).toEqual([]);
    expect(methodSchemaName('admin.tradingState.set', 'Params')).toBe('AdminTradingStateSetParams');
    expect(defs['PublicBookResult']).toEqual({ $ref: '#/$defs/BookSnapshot' });
  });

  it('is plain JSON that survives a round trip', () => {
    const text = JSON.stringify(document);
    expect(JSON.parse(text)).toEqual(document);
    expect(text).not.toContain('__shared');
  });

  it('resolves every $ref inside the document', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(refs.length).toBeGreaterThan(100);
    expect(
      refs.filter((ref) => !ref.startsWith('#/$defs/') || !(ref.slice('#/$defs/'.length) in defs)),
    ).toEqual([]);
  });

  it('uses components paths by default, for the AsyncAPI document', () => {
    const schemas = exportJsonSchemas();
    expect(JSON.stringify(schemas['Fill'])).toContain('"$ref":"#/components/schemas/OrderId"');
  });

  it('is deterministic', () => {
    expect(JSON.stringify(exportJsonSchemaDocument())).toBe(JSON.stringify(document));
  });

  describe('agrees with the zod schemas (checked by a JSON Schema 2020-12 validator)', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    ajv.addSchema(document, 'contracts');
    const validate = (name: string, value: unknown) => {
      const check = ajv.getSchema(`contracts#/$defs/${name}`);
      if (!check) throw new Error(`no schema ${name}`);
      return check(value) ? 'valid' : JSON.stringify(check.errors?.[0]);
    };

    it('compiles', () => {
      expect(ajv.getSchema('contracts')).toBeTypeOf('function');
    });

    const validExamples: ReadonlyArray<readonly [string, unknown]> = [
      ['ExecutionReport', ex.executionReport()],
      ['Order', ex.order()],
      ['Fill', ex.fill()],
      ['Position', ex.position()],
      ['AccountSnapshot', ex.accountSnapshot()],
      ['Instrument', ex.instrument()],
      ['BookSnapshot', ex.bookSnapshot()],
      ['BookUpdate', ex.bookUpdate()],
      ['PublicTrade', ex.publicTrade()],
      ['Ticker', ex.ticker()],
      ...Object.values(ex.commands).map((command) => ['CommandEnvelope', command] as const),
      ...Object.entries(ex.validParams).flatMap(([method, list]) =>
        list
          .filter((p) => p !== undefined)
          .map((p) => [methodSchemaName(method, 'Params'), p] as const),
      ),
    ];
    it.each(validExamples)('accepts a valid %s', (name, value) => {
      expect(validate(name, value)).toBe('valid');
    });

    const invalidExamples: ReadonlyArray<readonly [string, unknown]> = [
      [
        'OrderPlaceParams',
        { clientOrderId: 'a', symbol: 'BTC-PERP', side: 'buy', type: 'limit', quantity: '1' },
      ],
      [
        'OrderPlaceParams',
        {
          clientOrderId: 'a',
          symbol: 'BTC-PERP',
          side: 'buy',
          type: 'market',
          quantity: '1',
          price: '1',
        },
      ],
      [
        'OrderPlaceParams',
        { clientOrderId: 'a', symbol: 'BTC-PERP', side: 'buy', type: 'market', quantity: '1e3' },
      ],
      ['OrderCancelParams', { symbol: 'BTC-PERP' }],
      ['OrderCancelParams', { clientOrderId: 'a', orderId: 'b', symbol: 'BTC-PERP' }],
      ['SubscribeParams', { channels: ['candles.BTC-PERP'] }],
      ['Fill', { ...ex.fill(), id: 'x' }],
      ['CommandEnvelope', { ...ex.commands['order.place'], version: 2 }],
      ['CommandEnvelope', { ...ex.commands['order.place'], type: 'order.amend' }],
    ];
    it.each(invalidExamples)('rejects an invalid %s', (name, value) => {
      expect(validate(name, value)).not.toBe('valid');
    });
  });
});
