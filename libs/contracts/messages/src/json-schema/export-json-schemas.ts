import { z } from 'zod';
import { RpcMethods } from '../rpc/method-registry.ts';
import { namedSchemas } from './schema-catalog.ts';

export type JsonSchema = z.core.JSONSchema.BaseSchema;

export interface JsonSchemaExportOptions {
  /**
   * Prefix of `$ref`s between schemas. The default suits AsyncAPI/OpenAPI `components.schemas`;
   * use "#/$defs/" for a standalone document.
   */
  readonly refPrefix?: string;
  /**
   * JSON Schema dialect. The default is draft 2020-12; AsyncAPI 3.0 Schema Objects are a superset
   * of draft-07 (tuples as `items` arrays instead of `prefixItems`).
   */
  readonly target?: 'draft-2020-12' | 'draft-07';
}

/**
 * "order.cancelAll" + "Params" → "OrderCancelAllParams". `Request` / `Response` name the JSON-RPC
 * frames of the AsyncAPI document.
 */
export function methodSchemaName(
  method: string,
  part: 'Params' | 'Result' | 'Request' | 'Response',
): string {
  return method
    .split('.')
    .map((segment) => segment.charAt(0).toUpperCase() + segment.slice(1))
    .join('')
    .concat(part);
}

/**
 * Every contract schema as JSON Schema (draft 2020-12), keyed by its stable name, with `$ref`s
 * between them. Schemas describe what is on the wire (fields with defaults are optional).
 * Refinements that JSON Schema cannot say (quantity sums, reason by execType) are zod-only.
 */
export function exportJsonSchemas(
  options: JsonSchemaExportOptions = {},
): Record<string, JsonSchema> {
  return exportJsonSchemasWith({}, options);
}

/**
 * `exportJsonSchemas` plus `extra` schemas under their own names, exported in the same pass so
 * their `$ref`s point at the catalogue's names (the AsyncAPI document's JSON-RPC frames).
 */
export function exportJsonSchemasWith(
  extra: Readonly<Record<string, z.ZodType>>,
  options: JsonSchemaExportOptions = {},
): Record<string, JsonSchema> {
  const refPrefix = options.refPrefix ?? '#/components/schemas/';
  const registry = z.registry<{ id: string }>();
  const nameOf = new Map<z.ZodType, string>();
  const register = (name: string, schema: z.ZodType) => {
    const existing = nameOf.get(schema);
    if (existing !== undefined)
      throw new Error(`schema ${name} is already registered as ${existing}`);
    if (registry.has(schema) || [...nameOf.values()].includes(name))
      throw new Error(`schema name ${name} is taken`);
    nameOf.set(schema, name);
    registry.add(schema, { id: name });
  };

  for (const [name, schema] of Object.entries(namedSchemas)) register(name, schema);

  // A method whose params or result is a named schema (public.book → BookSnapshot) gets an alias.
  const aliases = new Map<string, string>();
  for (const [method, spec] of Object.entries(RpcMethods)) {
    for (const [part, schema] of [
      ['Params', spec.params],
      ['Result', spec.result],
    ] as const) {
      const name = methodSchemaName(method, part);
      const existing = nameOf.get(schema);
      if (existing === undefined) register(name, schema);
      else if (existing !== name) aliases.set(name, existing);
    }
  }
  for (const [name, schema] of Object.entries(extra)) register(name, schema);

  const generated = z.toJSONSchema(registry, {
    io: 'input',
    target: options.target ?? 'draft-2020-12',
    uri: (id) => `${refPrefix}${id}`,
  });
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(generated.schemas)) {
    const { $schema: _dialect, $id: _id, ...body } = schema;
    schemas[name] = body;
  }
  for (const [alias, target] of aliases) {
    if (Object.hasOwn(schemas, alias)) throw new Error(`schema name ${alias} is taken`);
    schemas[alias] = { $ref: `${refPrefix}${target}` };
  }
  return schemas;
}

/** One standalone JSON Schema document holding every contract schema under `$defs`. */
export function exportJsonSchemaDocument(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:perp:contracts',
    title: '@perp/contracts',
    $defs: exportJsonSchemas({ refPrefix: '#/$defs/' }),
  };
}
