import { z } from 'zod';
import { RPC_ERRORS, RpcErrorCode } from '../jsonrpc/error-codes.ts';
import { JSONRPC_VERSION, JsonRpcId } from '../jsonrpc/framing.ts';
import { RPC_METHOD_NAMES, RpcMethods, type RpcMethodName } from '../rpc/method-registry.ts';
import { AUTH_LEVEL_ROLES, type AuthLevel } from '../trading/roles.ts';
import { exportJsonSchemasWith, methodSchemaName, type JsonSchema } from './export-json-schemas.ts';
import { namedSchemas } from './schema-catalog.ts';

// The trader WebSocket API (docs/ws-api.md) as an AsyncAPI 3.0 document, seen from the client:
// it sends requests and receives their answers and the server's notifications. Every payload
// schema is exported from the zod contracts; this file only arranges them into messages and
// operations. `npm run docs:asyncapi` writes the result to docs/asyncapi.json.

const SCHEMAS = '#/components/schemas/';
const MESSAGES = '#/components/messages/';
const CHANNEL = 'socket';
const SECURITY_SCHEME = 'bearerJwt';
const CORRELATION_ID = 'jsonRpcId';

/** The local stack's gateway (`npm start`). */
export const ASYNCAPI_SERVER = {
  name: 'local',
  host: '127.0.0.1:8080',
  pathname: '/v1/ws',
  protocol: 'ws',
} as const;

type Ref = { readonly $ref: string };

export interface AsyncApiMessage {
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  readonly description?: string;
  readonly payload: Ref;
  readonly correlationId?: Ref;
  readonly tags?: readonly { readonly name: string }[];
}

export interface AsyncApiOperation {
  readonly action: 'send' | 'receive';
  readonly channel: Ref;
  readonly title: string;
  readonly summary: string;
  readonly description?: string;
  readonly messages: readonly Ref[];
  readonly reply?: { readonly channel: Ref; readonly messages: readonly Ref[] };
  readonly security?: readonly Ref[];
  readonly tags?: readonly { readonly name: string }[];
  readonly 'x-auth-level'?: AuthLevel;
}

/** A plain JSON object; the shape is AsyncAPI 3.0.0 (checked against its JSON Schema in tests). */
export interface AsyncApiDocument {
  readonly asyncapi: '3.0.0';
  readonly id: string;
  readonly info: {
    readonly title: string;
    readonly version: string;
    readonly description: string;
    readonly tags: readonly { readonly name: string; readonly description: string }[];
  };
  readonly defaultContentType: 'application/json';
  readonly servers: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly channels: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly operations: Readonly<Record<string, AsyncApiOperation>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>;
    readonly messages: Readonly<Record<string, AsyncApiMessage>>;
    readonly securitySchemes: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
    readonly correlationIds: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  };
}

const ref = ($ref: string): Ref => ({ $ref });

/** Absent params are validated as `{}`, so they may be left out exactly when `{}` is valid. */
const paramsOptional = (method: RpcMethodName) => RpcMethods[method].params.safeParse({}).success;

const errorCodes = Object.values(RpcErrorCode);

const errorCodeDescription = Object.entries(RPC_ERRORS)
  .map(([name, row]) => `- \`${row.code}\` ${name} ("${row.message}"): ${row.meaning}`)
  .join('\n');

/** The name a schema is published under (the catalog's), so `data` can point at it. */
function publishedName(schema: z.ZodType): string {
  const found = Object.entries(namedSchemas).find(([, named]) => named === schema);
  if (!found) throw new Error('an error data schema is missing from the schema catalog');
  return found[0];
}

/** The codes whose `data` the API documents: its schema's name and fields. */
const errorDataDescription = Object.values(RPC_ERRORS)
  .flatMap((row) =>
    'data' in row
      ? [`${row.code}: ${publishedName(row.data)} ({ ${Object.keys(row.data.shape).join(', ')} })`]
      : [],
  )
  .join('; ');

/** The error answer, with the documented codes and the `data` of those that have one. */
const RpcErrorResponse = z
  .strictObject({
    jsonrpc: z.literal(JSONRPC_VERSION),
    id: JsonRpcId.nullable(),
    error: z.strictObject({
      code: z
        .literal(errorCodes)
        .describe(`The error codes of ws-api.md:\n${errorCodeDescription}`),
      message: z.string().describe('Human text; clients branch on the code, never on the message.'),
      data: z.unknown().optional().describe(`${errorDataDescription}.`),
    }),
  })
  .describe(
    'The answer to a request that failed; `id` is null only when the request id could not be read (-32700, -32600).',
  );

/** Request and response frames of every method, built from the method registry. */
function methodFrames(): Record<string, z.ZodType> {
  const frames: Record<string, z.ZodType> = {};
  for (const method of RPC_METHOD_NAMES) {
    const { params, result } = RpcMethods[method];
    frames[methodSchemaName(method, 'Request')] = z.strictObject({
      jsonrpc: z.literal(JSONRPC_VERSION),
      id: JsonRpcId,
      method: z.literal(method),
      params: paramsOptional(method) ? params.optional() : params,
    });
    frames[methodSchemaName(method, 'Response')] = z.strictObject({
      jsonrpc: z.literal(JSONRPC_VERSION),
      id: JsonRpcId,
      result,
    });
  }
  return frames;
}

/**
 * Points a frame's `params` / `result` at the method's own schema name (`OrderGetResult`, an
 * alias of `Order`), so each message names its method's schemas. The exporter already made that
 * property a reference to the same schema under its catalogue name; anything else is a bug here.
 */
function useMethodName(frame: JsonSchema, property: 'params' | 'result', target: string): void {
  const properties = frame.properties as Record<string, JsonSchema> | undefined;
  const current = properties?.[property];
  const inner = current?.allOf?.length === 1 ? current.allOf[0] : current;
  if (!properties || typeof inner !== 'object' || typeof inner.$ref !== 'string')
    throw new Error(`frame property ${property} is not a schema reference`);
  properties[property] = { $ref: `${SCHEMAS}${target}` };
}

/** Names of the schemas `roots` reach through `$ref`s, so the document carries only those. */
function reachable(schemas: Readonly<Record<string, JsonSchema>>, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMAS)) {
          enter(child.slice(SCHEMAS.length));
        } else visit(child);
      }
    }
  };
  const enter = (name: string): void => {
    if (seen.has(name)) return;
    const schema = schemas[name];
    if (schema === undefined) throw new Error(`unknown schema ${name}`);
    seen.add(name);
    visit(schema);
  };
  roots.forEach(enter);
  return seen;
}

const AUTH_LEVEL_DESCRIPTIONS: Readonly<Record<AuthLevel, string>> = {
  public: 'No authentication needed.',
  read: `Authenticated; roles: ${AUTH_LEVEL_ROLES.read.join(', ')}.`,
  trade: `Authenticated; roles: ${AUTH_LEVEL_ROLES.trade.join(', ')}.`,
  admin: `Authenticated; roles: ${AUTH_LEVEL_ROLES.admin.join(', ')}. Acts on other accounts.`,
};

/** Subscription notifications, one message per channel kind, in ws-api.md's order. */
const NOTIFICATIONS = [
  [
    'OrdersNotification',
    'orders',
    'orders (private): a snapshot of open orders first, then one execution report per change',
  ],
  ['FillsNotification', 'fills', 'fills (private): one fill per trade'],
  [
    'PositionsNotification',
    'positions',
    'positions (private): snapshot, then the position after each change',
  ],
  [
    'AccountNotification',
    'account',
    'account (private): snapshot, then balances and margin after each change',
  ],
  [
    'BookNotification',
    'book.{symbol}',
    'book.SYMBOL: snapshot, then updates with a sequence number',
  ],
  ['TradesNotification', 'trades.{symbol}', 'trades.SYMBOL: public trades'],
  [
    'TickerNotification',
    'ticker.{symbol}',
    'ticker.SYMBOL: best bid/ask, last, mark, at most every 100 ms',
  ],
] as const;

/** The trader WebSocket API as an AsyncAPI 3.0.0 document, generated from the contracts. */
export function asyncApiDocument(): AsyncApiDocument {
  const frames = methodFrames();
  const allSchemas = exportJsonSchemasWith(
    { ...frames, RpcErrorResponse },
    { refPrefix: SCHEMAS, target: 'draft-07' },
  );
  for (const method of RPC_METHOD_NAMES) {
    const request = allSchemas[methodSchemaName(method, 'Request')];
    const response = allSchemas[methodSchemaName(method, 'Response')];
    if (!request || !response) throw new Error(`no frames for ${method}`);
    useMethodName(request, 'params', methodSchemaName(method, 'Params'));
    useMethodName(response, 'result', methodSchemaName(method, 'Result'));
  }

  const channelRef = ref(`#/channels/${CHANNEL}`);
  const channelMessage = (name: string) => ref(`#/channels/${CHANNEL}/messages/${name}`);
  const correlationId = ref(`#/components/correlationIds/${CORRELATION_ID}`);
  const security = [ref(`#/components/securitySchemes/${SECURITY_SCHEME}`)];
  const messages: Record<string, AsyncApiMessage> = {};
  const operations: Record<string, AsyncApiOperation> = {};

  for (const method of RPC_METHOD_NAMES) {
    const { auth } = RpcMethods[method];
    const request = methodSchemaName(method, 'Request');
    const response = methodSchemaName(method, 'Response');
    const operation = methodSchemaName(method, 'Request').slice(0, -'Request'.length);
    const tags = [{ name: auth }];
    messages[request] = {
      name: method,
      title: `${method} request`,
      summary: `Calls ${method}. ${AUTH_LEVEL_DESCRIPTIONS[auth]}`,
      payload: ref(`${SCHEMAS}${request}`),
      correlationId,
      tags,
    };
    messages[response] = {
      name: `${method} result`,
      title: `${method} result`,
      summary: `The result of ${method}, with the request's id.`,
      payload: ref(`${SCHEMAS}${response}`),
      correlationId,
      tags,
    };
    operations[`send${operation}`] = {
      action: 'send',
      channel: channelRef,
      title: `Call ${method}`,
      summary: AUTH_LEVEL_DESCRIPTIONS[auth],
      description: paramsOptional(method)
        ? '`params` may be left out (it counts as `{}`).'
        : '`params` is required.',
      messages: [channelMessage(request)],
      reply: {
        channel: channelRef,
        messages: [channelMessage(response), channelMessage('RpcErrorResponse')],
      },
      ...(auth === 'public' ? {} : { security }),
      tags,
      'x-auth-level': auth,
    };
    operations[`receive${operation}Result`] = {
      action: 'receive',
      channel: channelRef,
      title: `${method} result`,
      summary: `The answer to a successful ${method} request.`,
      messages: [channelMessage(response)],
      tags,
    };
  }

  messages['RpcErrorResponse'] = {
    name: 'error',
    title: 'Error',
    summary: 'The answer to a request that failed; the connection stays usable.',
    description: `Codes:\n${errorCodeDescription}\n\nRisk rejections are not errors: the order is queued and comes back \`denied\` with a \`reason\`.`,
    payload: ref(`${SCHEMAS}RpcErrorResponse`),
    correlationId,
  };
  operations['receiveError'] = {
    action: 'receive',
    channel: channelRef,
    title: 'Error',
    summary: 'The error answer to any request.',
    messages: [channelMessage('RpcErrorResponse')],
  };

  for (const [name, channel, summary] of NOTIFICATIONS) {
    messages[name] = {
      name: 'subscription',
      title: `${channel} notification`,
      summary,
      payload: ref(`${SCHEMAS}${name}`),
      tags: [{ name: 'subscription' }],
    };
    operations[`receive${name}`] = {
      action: 'receive',
      channel: channelRef,
      title: `${channel} notifications`,
      summary: `Sent after \`subscribe\` to ${channel}. ${summary}.`,
      messages: [channelMessage(name)],
      tags: [{ name: 'subscription' }],
    };
  }

  messages['SessionShutdownNotification'] = {
    name: 'session.shutdown',
    title: 'session.shutdown',
    summary:
      'Sent before a planned shutdown; the server then closes with 1001. Reconnect after `reconnectAfterMs`.',
    payload: ref(`${SCHEMAS}SessionShutdownNotification`),
  };
  operations['receiveSessionShutdown'] = {
    action: 'receive',
    channel: channelRef,
    title: 'session.shutdown',
    summary: 'The server is about to close the socket; reconnect after the delay.',
    messages: [channelMessage('SessionShutdownNotification')],
  };

  const payloadNames = Object.values(messages).map((m) => m.payload.$ref.slice(SCHEMAS.length));
  const used = reachable(allSchemas, payloadNames);
  const schemas: Record<string, JsonSchema> = {};
  for (const name of [...used].sort()) schemas[name] = allSchemas[name] as JsonSchema;

  return {
    asyncapi: '3.0.0',
    id: 'urn:perp:trader-ws-api',
    info: {
      title: 'Trader WebSocket API',
      version: '1.0.0',
      description: [
        'JSON-RPC 2.0 over one WebSocket (see docs/ws-api.md). One JSON-RPC object per text frame;',
        'batches are answered with -32600 and frames over 64 KiB close the socket with 1009.',
        'Described from the client: it sends requests and receives their answers (matched by `id`)',
        'and the server notifications. Generated from @perp/contracts; do not edit by hand.',
      ].join(' '),
      tags: (Object.keys(AUTH_LEVEL_DESCRIPTIONS) as AuthLevel[]).map((level) => ({
        name: level,
        description: AUTH_LEVEL_DESCRIPTIONS[level],
      })),
    },
    defaultContentType: 'application/json',
    servers: {
      [ASYNCAPI_SERVER.name]: {
        host: ASYNCAPI_SERVER.host,
        pathname: ASYNCAPI_SERVER.pathname,
        protocol: ASYNCAPI_SERVER.protocol,
        title: 'Local stack',
        description:
          'The gateway of `npm start`. TLS ends at the load balancer in AWS. Authentication is optional at the upgrade: without it only `public.*` and `auth.login` work.',
        security,
      },
    },
    channels: {
      [CHANNEL]: {
        address: '/',
        title: 'Trader socket',
        description:
          'The one WebSocket of a connection, at the server pathname. The server pings every 20 s and drops a connection that has not answered for 60 s.',
        messages: Object.fromEntries(
          Object.keys(messages).map((name) => [name, ref(`${MESSAGES}${name}`)]),
        ),
        bindings: { ws: { method: 'GET', bindingVersion: '0.1.0' } },
      },
    },
    operations,
    components: {
      schemas,
      messages,
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT access token as `Authorization: Bearer <jwt>` on the upgrade request (an invalid token gets HTTP 401), or sent with `auth.login` on the open socket. Account: claim `custom:account_id`, else `sub`; roles: claim `cognito:groups`.',
        },
      },
      correlationIds: {
        [CORRELATION_ID]: {
          description: 'A response carries the id of its request.',
          location: '$message.payload#/id',
        },
      },
    },
  };
}
