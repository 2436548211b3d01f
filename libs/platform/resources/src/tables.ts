// The platform's DynamoDB tables, declared once (see queues.ts for why). Items of several kinds
// share a table (single-table design); their key formats live with the adapters that write them.

export type AttributeType = 'S' | 'N';

export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableDefinition {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly indexes: readonly IndexDefinition[];
  /** Attribute holding an epoch-seconds expiry, for DynamoDB's TTL. */
  readonly ttlAttribute?: string;
}

const pk = { name: 'pk', type: 'S' } as const;
const sk = { name: 'sk', type: 'S' } as const;

export const TABLES = {
  /** Instruments, risk limits, trading states, venue routing, accounts. */
  config: { name: 'config', partitionKey: pk, sortKey: sk, indexes: [] },
  /** Orders, fills, positions, balances, sequence counters and idempotency records. */
  trading: {
    name: 'trading',
    partitionKey: pk,
    sortKey: sk,
    indexes: [
      {
        // Sparse: only open orders carry these attributes, so the index holds exactly the open orders.
        indexName: 'open-orders',
        partitionKey: { name: 'openPk', type: 'S' },
        sortKey: { name: 'openSk', type: 'S' },
      },
      {
        // Sparse: only non-flat positions carry these attributes, so a margin sweep reads exactly
        // the held positions. The partition key is one of a fixed set of shards (not one constant
        // value), so no index partition is hot and the shards can be read in parallel.
        indexName: 'held-positions',
        partitionKey: { name: 'heldPk', type: 'S' },
        sortKey: { name: 'heldSk', type: 'S' },
      },
      {
        // Sparse: only orders awaiting the venue (submitted, pending_cancel), sorted by when they
        // last changed, so reconciliation reads exactly the ones waiting too long. Sharded.
        indexName: 'in-flight-orders',
        partitionKey: { name: 'inFlightPk', type: 'S' },
        sortKey: { name: 'inFlightSk', type: 'S' },
      },
    ],
    ttlAttribute: 'expiresAt',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof TABLES;

export function tableName(baseName: string, prefix = ''): string {
  return `${prefix}${baseName}`;
}

/** The CreateTable input for a definition (on-demand billing, every index projecting all attributes). */
export function createTableInput(definition: TableDefinition, prefix = '') {
  const keyAttributes = [
    definition.partitionKey,
    definition.sortKey,
    ...definition.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ].filter((attribute): attribute is KeyAttribute => attribute !== undefined);
  const attributeDefinitions = [...new Map(keyAttributes.map((a) => [a.name, a])).values()];
  const keySchema = (partition: KeyAttribute, sort?: KeyAttribute) => [
    { AttributeName: partition.name, KeyType: 'HASH' as const },
    ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: tableName(definition.name, prefix),
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: attributeDefinitions.map((a) => ({
      AttributeName: a.name,
      AttributeType: a.type,
    })),
    KeySchema: keySchema(definition.partitionKey, definition.sortKey),
    ...(definition.indexes.length > 0
      ? {
          GlobalSecondaryIndexes: definition.indexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
}
