// Property-based fuzzing of every parser @perp/contracts exports: whatever comes in (any JSON,
// deep nesting, odd numbers, unicode, prototype keys), a parser answers with its documented
// failure and never throws; valid inputs built from the domain's rules parse back unchanged.
import * as contracts from '@perp/contracts';
import {
  MessageParseError,
  RPC_METHOD_NAMES,
  parseChannel,
  parseCommandEnvelope,
  parseExecutionReport,
  validateParams,
} from '@perp/contracts';
import { Decimal as DomainDecimal } from '@perp/decimal';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hostileStack, recordAttacks } from './test-support/hostile-context.ts';

interface SafeParser {
  safeParse(input: unknown): { success: boolean; data?: unknown; error?: { issues: unknown[] } };
}

const isSchema = (value: unknown): value is SafeParser =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { safeParse?: unknown }).safeParse === 'function';

const exported = Object.entries(contracts as Record<string, unknown>);
/** Every zod schema the package exports, found by shape so a new one is not skipped. */
const SCHEMAS = exported.filter((entry): entry is [string, SafeParser] => isSchema(entry[1]));
/** The versioned queue/stream parsers: safeParse* never throws, parse* throws MessageParseError. */
const SAFE_PARSERS = exported.filter(
  (entry): entry is [string, (input: unknown) => { ok: boolean }] =>
    typeof entry[1] === 'function' && /^safeParse[A-Z]/.test(entry[0]),
);
const THROWING_PARSERS = exported.filter(
  (entry): entry is [string, (input: unknown) => unknown] =>
    typeof entry[1] === 'function' && /^parse[A-Z]/.test(entry[0]) && entry[0] !== 'parseChannel',
);
/** Functions that read untrusted input and are fuzzed by name below. */
const NAMED_PARSERS = new Set(['parseChannel', 'validateParams', 'isRpcMethod']);

const runs = () => hostileStack().runs;
const counts = { tried: 0, letIn: 0 };
/** Runs one case; a thrown exception (other than a failed expectation) counts as let in. */
function attempt(check: () => void): void {
  counts.tried += 1;
  try {
    check();
  } catch (error) {
    counts.letIn += 1;
    throw error;
  }
}

afterAll(() => {
  recordAttacks({ attack: 'fuzz: contract parsers', ...counts });
});

const deepArray = (levels: number): unknown =>
  JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);
const deepObject = (levels: number): unknown =>
  JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);
const DEEP = [deepArray(10_000), deepObject(10_000), deepArray(100_000)];

/** Decimal-looking text a strict parser must refuse (ws-api.md: decimals are plain strings). */
const BAD_DECIMAL_TEXT = [
  '1e3',
  '1E3',
  '1e400',
  '1e-400',
  '-0',
  '-0.0',
  '0x1F',
  '0b1',
  'NaN',
  'Infinity',
  '-Infinity',
  '+1',
  '.5',
  '5.',
  '00',
  '01',
  '1,5',
  '1_000',
  '１',
  '٣',
  ' 1',
  '1 ',
  '1\n',
  '',
  `1.${'0'.repeat(18)}1`,
  '9'.repeat(21),
  '1e',
  '--1',
  '1..2',
  '\u0000',
  '0.',
];
/** JSON numbers at the edges: "1e400" is Infinity once parsed, "1e-400" is 0, "-0" stays -0. */
const EDGE_NUMBERS: unknown[] = [
  ...['1e400', '-1e400', '1e-400', '-0', '1e308', '5e-324', '9007199254740993'].map(
    (text) => JSON.parse(text) as unknown,
  ),
  Number.NaN,
  Number.POSITIVE_INFINITY,
  0.1,
  -1,
  2 ** 53,
];
const ODD_STRINGS = [
  '\u0000',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\u0007\b',
  'BTC-PERP\n',
  'ＢＴＣ-PERP',
  '𝟏',
  'a'.repeat(1_000_000),
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '<script>',
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
const FIELD_KEYS = [
  'version',
  'type',
  'jsonrpc',
  'id',
  'method',
  'params',
  'clientOrderId',
  'symbol',
  'side',
  'price',
  'quantity',
  'channels',
  'since',
  'orders',
  'accountId',
  'payload',
  'seq',
  'ts',
];

const leaf = fc.oneof(
  fc.jsonValue({ maxDepth: 1 }),
  fc.constantFrom(...BAD_DECIMAL_TEXT, ...ODD_STRINGS, ...EDGE_NUMBERS),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const hostileKey = fc.oneof(fc.constantFrom(...PROTO_KEYS, ...FIELD_KEYS), fc.string());
/** Any JSON-ish value, biased to keys the contracts know and keys that pollute prototypes. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 6 }),
  ),
})).value;
/** The same, as the wire delivers it: text through JSON.parse (own "__proto__" keys and all). */
const wireValue = hostileValue.map((value) => {
  try {
    return JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
  } catch {
    return value; // too deep to stringify: feed it as it is
  }
});

const ALLOWED_PROTOTYPES = new Set<unknown>([Object.prototype, Array.prototype, null]);
/** Parsed output holds plain data only: no object whose prototype an input could have chosen. */
function expectPlain(value: unknown, seen = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  expect(ALLOWED_PROTOTYPES.has(Object.getPrototypeOf(value))).toBe(true);
  for (const member of Object.values(value)) expectPlain(member, seen);
}
function expectNoPollution(): void {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(Object.keys(Array.prototype)).toEqual([]);
}

describe('every exported contract parser, fed hostile input', () => {
  it('finds the schemas and parsers to fuzz', () => {
    expect(SCHEMAS.length).toBeGreaterThan(100);
    expect(SAFE_PARSERS.length).toBe(THROWING_PARSERS.length);
    // A new parser-like export must be added here (or to the shape-found lists) to be fuzzed.
    const unfuzzed = exported
      .filter(
        ([name, value]) =>
          typeof value === 'function' && /^(safeParse|parse|validate|is)[A-Z]/.test(name),
      )
      .map(([name]) => name)
      .filter(
        (name) => !/^safeParse[A-Z]/.test(name) && !THROWING_PARSERS.some(([n]) => n === name),
      )
      .filter((name) => !NAMED_PARSERS.has(name) && name !== 'isRetryableRpcCode');
    expect(unfuzzed).toEqual([]);
  });

  it.each(SCHEMAS)('%s.safeParse never throws and answers plain data', (_name, schema) => {
    fc.assert(
      fc.property(fc.oneof(hostileValue, wireValue), (input) => {
        attempt(() => {
          const result = schema.safeParse(input);
          expect(typeof result.success).toBe('boolean');
          if (result.success) expectPlain(result.data);
          else expect(Array.isArray(result.error?.issues)).toBe(true);
          expectNoPollution();
        });
      }),
      { numRuns: runs() },
    );
  });

  it.each(SAFE_PARSERS)(
    '%s never throws; its parse twin throws only MessageParseError',
    (name, safe) => {
      const twin = THROWING_PARSERS.find(
        ([n]) => `safe${n[0]?.toUpperCase()}${n.slice(1)}` === name,
      );
      expect(twin, `${name} has a throwing twin`).toBeDefined();
      const parse = twin?.[1] ?? (() => undefined);
      const versioned = fc.record({
        version: fc.oneof(fc.constant(1), hostileValue),
        type: hostileValue,
      });
      fc.assert(
        fc.property(
          fc.oneof(
            wireValue,
            versioned.map((head) => ({ ...head })),
          ),
          (input) => {
            attempt(() => {
              const outcome = safe(input) as { ok: boolean; error?: unknown };
              if (!outcome.ok) expect(outcome.error).toBeInstanceOf(MessageParseError);
              try {
                parse(input);
              } catch (error) {
                expect(error).toBeInstanceOf(MessageParseError);
              }
              expectNoPollution();
            });
          },
        ),
        { numRuns: runs() },
      );
    },
  );

  it('validateParams answers every method with ok or a -32602 that names a field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RPC_METHOD_NAMES), wireValue, (method, params) => {
        attempt(() => {
          const validation = validateParams(method, params);
          if (validation.ok) expectPlain(validation.params);
          else {
            expect(validation.error.code).toBe(-32602);
            // An unknown key is named as sent (any text), so only its own length is unbounded.
            const { field } = validation.error.data;
            expect(typeof field).toBe('string');
            expect(validation.error.message.length).toBeLessThan(1_000 + field.length);
          }
          expectNoPollution();
        });
      }),
      { numRuns: runs() * 5 },
    );
  });

  it('channel names built from the grammar round-trip through parseChannel and subscribe', () => {
    const channel = fc.oneof(
      fc.constantFrom('orders', 'fills', 'positions', 'account'),
      fc
        .tuple(
          fc.constantFrom('book', 'trades', 'ticker'),
          fc.stringMatching(/^[A-Z0-9]{1,16}-[A-Z0-9]{1,16}$/),
        )
        .map(([kind, sym]) => `${kind}.${sym}`),
    );
    fc.assert(
      fc.property(fc.uniqueArray(channel, { minLength: 1, maxLength: 50 }), (channels) => {
        attempt(() => {
          for (const name of channels) {
            const parsed = parseChannel(name);
            expect(
              parsed === null
                ? null
                : parsed.symbol === undefined
                  ? parsed.kind
                  : `${parsed.kind}.${parsed.symbol}`,
            ).toBe(name);
          }
          expect(validateParams('subscribe', { channels })).toEqual({
            ok: true,
            params: { channels },
          });
        });
      }),
      { numRuns: runs() },
    );
  });

  it('answers 10 000 and 100 000 levels of nesting, anywhere, without throwing', () => {
    // Fed directly, not through fast-check (its reporter cannot print such values).
    const where = (deep: unknown) => [
      deep,
      { version: deep },
      { version: 1, type: deep },
      { params: deep },
    ];
    for (const deep of DEEP) {
      for (const input of where(deep)) {
        for (const [, schema] of SCHEMAS) attempt(() => void schema.safeParse(input));
        for (const [, safe] of SAFE_PARSERS) attempt(() => expect(safe(input).ok).toBe(false));
        for (const method of RPC_METHOD_NAMES)
          attempt(() => expect(validateParams(method, input).ok).toBe(false));
      }
    }
  });

  it('parseChannel and isRpcMethod answer any string (prototype names included)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom(...ODD_STRINGS, ...PROTO_KEYS),
    );
    fc.assert(
      fc.property(text, (input) => {
        attempt(() => {
          const channel = parseChannel(input);
          if (channel !== null) expect(contracts.Channel.safeParse(input).success).toBe(true);
          expect(contracts.isRpcMethod(input)).toBe((RPC_METHOD_NAMES as string[]).includes(input));
        });
      }),
      { numRuns: runs() },
    );
  });
});

// Valid inputs from the domain's rules (ws-api.md and the identifier grammars).
const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const unsignedDecimal = fc
  .tuple(
    fc.oneof(
      fc.constant('0'),
      fc.tuple(fc.constantFrom(...'123456789'), digits(0, 19)).map(([a, b]) => a + b),
    ),
    fc.option(digits(1, 18), { nil: undefined }),
  )
  .map(([integer, fraction]) => (fraction === undefined ? integer : `${integer}.${fraction}`));
const positiveDecimal = unsignedDecimal.filter((text) => !/^0(\.0+)?$/.test(text));
const clientOrderId = fc.stringMatching(/^[A-Za-z0-9_-]{1,36}$/);
const symbol = fc.stringMatching(/^[A-Z0-9]{1,16}(-[A-Z0-9]{1,16}){1,2}$/);
const placeOptions = {
  timeInForce: fc.constantFrom('gtc', 'ioc', 'fok'),
  postOnly: fc.boolean(),
  reduceOnly: fc.boolean(),
  respType: fc.constantFrom('ack', 'result'),
};
const placeParams = fc.oneof(
  fc.record(
    {
      clientOrderId,
      symbol,
      side: fc.constantFrom('buy', 'sell'),
      type: fc.constant('limit'),
      price: positiveDecimal,
      quantity: positiveDecimal,
      ...placeOptions,
    },
    { requiredKeys: ['clientOrderId', 'symbol', 'side', 'type', 'price', 'quantity'] },
  ),
  fc.record(
    {
      clientOrderId,
      symbol,
      side: fc.constantFrom('buy', 'sell'),
      type: fc.constant('market'),
      quantity: positiveDecimal,
      ...placeOptions,
    },
    { requiredKeys: ['clientOrderId', 'symbol', 'side', 'type', 'quantity'] },
  ),
);
const DEFAULTS = { timeInForce: 'gtc', postOnly: false, reduceOnly: false, respType: 'ack' };

/** Per field of order.place, values that must be refused naming that field. */
const WRONG: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  clientOrderId: fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9_-]{37,80}$/),
    fc.constantFrom('', 'a b', 'a/b', 'é', 'id\n', '__proto__.x', 42, null, ['a']),
  ),
  symbol: fc.oneof(
    fc.constantFrom(
      'btc-perp',
      'BTC',
      'BTC-PERP\n',
      'ＢＴＣ-PERP',
      'BTC--PERP',
      '-BTC',
      'A-B-C-D',
      7,
      '',
    ),
    fc.stringMatching(/^[A-Z]{17,30}-PERP$/),
  ),
  side: fc.constantFrom('BUY', 'long', '', 1, true, null, ['buy']),
  price: fc.constantFrom(...BAD_DECIMAL_TEXT, ...EDGE_NUMBERS, '0', '0.000', null, {}),
  quantity: fc.constantFrom(...BAD_DECIMAL_TEXT, ...EDGE_NUMBERS, '0', null, []),
  timeInForce: fc.constantFrom('GTC', 'day', 1, null, ''),
  postOnly: fc.constantFrom('true', 1, 0, null, 'false'),
  reduceOnly: fc.constantFrom('yes', 1, [], null),
  respType: fc.constantFrom('full', 'ACK', 0, null),
};

describe('order.place params, valid and mutated', () => {
  it('valid params round-trip with only the documented defaults added', () => {
    fc.assert(
      fc.property(placeParams, (params) => {
        attempt(() => {
          const wire = JSON.parse(JSON.stringify(params)) as unknown;
          const validation = validateParams('order.place', wire);
          expect(validation).toEqual({ ok: true, params: { ...DEFAULTS, ...params } });
        });
      }),
      { numRuns: runs() },
    );
  });

  it('one wrong field is refused with -32602 naming that field', () => {
    const field = fc.constantFrom(...Object.keys(WRONG));
    const mutated = fc.tuple(fc.constantFrom('limit', 'market'), field).chain(([type, name]) =>
      fc.tuple(
        placeParams.filter((params) => params.type === type),
        fc.constant(name),
        WRONG[name] ?? fc.constant(null),
      ),
    );
    fc.assert(
      fc.property(mutated, ([params, name, bad]) => {
        // The market variant has no price: a wrong price there is the "not allowed" case.
        attempt(() => {
          const validation = validateParams('order.place', { ...params, [name]: bad });
          expect(validation.ok).toBe(false);
          if (validation.ok) return;
          expect(validation.error.code).toBe(-32602);
          expect(validation.error.data.field).toBe(name);
          expect(validation.error.message).toContain(name);
        });
      }),
      { numRuns: runs() * 3 },
    );
  });

  it('an unknown or prototype key is refused by its name, and pollutes nothing', () => {
    const extra = fc.oneof(
      fc.constantFrom(...PROTO_KEYS, 'polluted', 'leverage'),
      fc.stringMatching(/^[a-z]{1,12}$/),
    );
    fc.assert(
      fc.property(placeParams, extra, hostileValue, (params, key, value) => {
        fc.pre(!(key in DEFAULTS) && !(key in params) && key !== 'price');
        attempt(() => {
          const text = `${JSON.stringify(params).slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}}`;
          const validation = validateParams('order.place', JSON.parse(text));
          expect(validation.ok).toBe(false);
          if (!validation.ok) expect(validation.error.data.field).toBe(key);
          expectNoPollution();
        });
      }),
      { numRuns: runs() },
    );
  });

  it('a duplicate key in the raw text counts as its last value, the same as the parsed object', () => {
    fc.assert(
      fc.property(placeParams, fc.constantFrom(...Object.keys(WRONG)), (params, name) => {
        attempt(() => {
          const first = JSON.stringify({ [name]: 'x'.repeat(40) }).slice(1, -1);
          const text = `{${first},${JSON.stringify(params).slice(1)}`;
          const duplicated = validateParams('order.place', JSON.parse(text));
          if (name in params) expect(duplicated).toEqual(validateParams('order.place', params));
          else expect(duplicated.ok).toBe(false);
        });
      }),
      { numRuns: runs() },
    );
  });
});

describe('decimals: the wire grammar', () => {
  const schemas = [contracts.Decimal, contracts.NonNegativeDecimal, contracts.PositiveDecimal];

  it('plain decimals parse unchanged, signed ones only by Decimal', () => {
    fc.assert(
      fc.property(unsignedDecimal, fc.boolean(), (text, negative) => {
        attempt(() => {
          const isZero = /^0(\.0+)?$/.test(text);
          const signed = negative && !isZero ? `-${text}` : text;
          expect(contracts.Decimal.safeParse(signed)).toEqual({ success: true, data: signed });
          expect(contracts.NonNegativeDecimal.safeParse(signed).success).toBe(signed === text);
          expect(contracts.PositiveDecimal.safeParse(signed).success).toBe(
            signed === text && !isZero,
          );
        });
      }),
      { numRuns: runs() },
    );
  });

  it('every wire decimal is one the domain reads, to the same value; exponents and NaN neither', () => {
    fc.assert(
      fc.property(unsignedDecimal, fc.constantFrom(...BAD_DECIMAL_TEXT), (text, bad) => {
        attempt(() => {
          const parsed = DomainDecimal.tryParse(text);
          expect(parsed?.toString()).toBe(
            text.replace(/\.?0+$/, (tail) => (text.includes('.') ? '' : tail)),
          );
          // The domain is looser (leading zeros, "-0"), never looser about exponents or names.
          if (/[eExXnN]|Infinity/.test(bad)) expect(DomainDecimal.tryParse(bad)).toBeUndefined();
        });
      }),
      { numRuns: runs() },
    );
  });

  it('refuses exponents, NaN, Infinity, hex, signs, padding and numbers, as -32602 on price', () => {
    const bad = fc.oneof(
      fc.constantFrom(...BAD_DECIMAL_TEXT, ...EDGE_NUMBERS),
      fc
        .tuple(positiveDecimal, fc.constantFrom('e', 'E', 'e+', 'e-'), digits(1, 3))
        .map((parts) => parts.join('')),
      fc.integer().map((n) => `0x${Math.abs(n).toString(16)}`),
      positiveDecimal.map((text) => Number(text)),
    );
    fc.assert(
      fc.property(bad, placeParams, (value, params) => {
        attempt(() => {
          for (const schema of schemas) expect(schema.safeParse(value).success).toBe(false);
          const validation = validateParams('order.place', {
            ...params,
            type: 'limit',
            price: value,
          });
          expect(validation.ok).toBe(false);
          if (validation.ok) return;
          expect(validation.error.data).toEqual({
            field: 'price',
            reason: 'must be a positive decimal string such as "61234.5" (no exponent, no sign)',
          });
        });
      }),
      { numRuns: runs() },
    );
  });
});

// A valid execution report and queued order.place, as the OMS writes and reads them.
const REPORT = {
  version: 1,
  seq: 7,
  accountId: 'alice',
  orderId: 'ord_01J0000000',
  clientOrderId: 'my-order-1',
  symbol: 'BTC-PERP',
  side: 'buy',
  type: 'limit',
  timeInForce: 'gtc',
  price: '61234.5',
  quantity: '0.5',
  filledQuantity: '0.2',
  remainingQuantity: '0.3',
  avgFillPrice: '61234.5',
  status: 'partially_filled',
  execType: 'trade',
  lastFillPrice: '61234.5',
  lastFillQuantity: '0.2',
  fee: '-0.01',
  tradeId: 'sim-42',
  reason: null,
  ts: 1_718_000_000_000,
};
const placeCommand = (payload: unknown) => ({
  version: 1,
  commandId: 'order.place:alice:c1',
  accountId: 'alice',
  type: 'order.place',
  source: 'trader',
  payload,
  receivedAt: 1_718_000_000_000,
  traceId: 'trace-1',
});
/** No execution report field takes a structure. */
const structure = fc.oneof(
  fc.array(hostileValue, { maxLength: 3 }),
  fc.dictionary(hostileKey, hostileValue, { maxKeys: 3 }),
);

describe('queue and stream messages', () => {
  it('an execution report with one field replaced by a structure is refused at that field', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(REPORT).filter((key) => key !== 'version')),
        structure,
        (field, value) => {
          attempt(() => {
            expect(parseExecutionReport(REPORT)).toEqual(REPORT);
            const outcome = contracts.safeParseExecutionReport({ ...REPORT, [field]: value });
            expect(outcome.ok).toBe(false);
            if (!outcome.ok) expect(outcome.error.path).toBe(field);
          });
        },
      ),
      { numRuns: runs() },
    );
  });

  it('a queued order.place built from valid params round-trips', () => {
    fc.assert(
      fc.property(placeParams, (params) => {
        attempt(() => {
          const { respType: _respType, ...payload } = { ...DEFAULTS, ...params };
          const command = JSON.parse(JSON.stringify(placeCommand(payload))) as unknown;
          expect(parseCommandEnvelope(command)).toEqual(command);
        });
      }),
      { numRuns: runs() },
    );
  });

  it('refuses deeply nested version, type and payload with MessageParseError', () => {
    for (const deep of DEEP) {
      for (const input of [{ version: deep }, { version: 1, type: deep }, placeCommand(deep)]) {
        attempt(() => {
          const outcome = contracts.safeParseCommandEnvelope(input);
          expect(outcome.ok).toBe(false);
          if (!outcome.ok) expect(outcome.error.message.length).toBeLessThan(500);
        });
      }
    }
  });

  it('counted nothing as let in', () => {
    expect(counts.letIn).toBe(0);
  });
});
