import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Decimal } from '@perp/decimal';
import { TABLES } from '@perp/resources';
import { OrderStatuses, isAwaitingVenue, type OrderStatus } from '@perp/trading-domain';
import { tradingKeys } from './keys.ts';

// One-offs after an index is added to an existing table (the local stack runs them when
// provisioning reports the table `updated`): the items written before it get its attributes.
// Each reads the table once; each update is conditional on the item's version, so an item a
// writer changed meanwhile (and stamped itself) is left alone. Each resolves with how many it
// stamped.

interface Stamping {
  /** Items of one kind, not yet carrying the index's partition key. */
  readonly skPrefix: string;
  readonly indexPk: string;
  /** The index's attributes for an item, or undefined when it does not belong in the index. */
  readonly attributes: (item: Record<string, unknown>) => Record<string, string> | undefined;
}

async function stamp(db: DynamoDBDocumentClient, table: string, rule: Stamping): Promise<number> {
  let stamped = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'begins_with(sk, :prefix) AND attribute_not_exists(#indexPk)',
        ExpressionAttributeNames: { '#indexPk': rule.indexPk },
        ExpressionAttributeValues: { ':prefix': rule.skPrefix },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const attributes = rule.attributes(item);
      if (attributes === undefined) continue;
      const names = Object.keys(attributes);
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: { pk: item['pk'], sk: item['sk'] },
            UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
            ConditionExpression: 'version = :version',
            ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#a${i}`, name])),
            ExpressionAttributeValues: {
              ...Object.fromEntries(names.map((name, i) => [`:a${i}`, attributes[name]])),
              ':version': item['version'],
            },
          }),
        );
        stamped += 1;
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return stamped;
}

const tradingTable = (prefix: string) => `${prefix}${TABLES.trading.name}`;

/** Positions written before the held-positions index: the non-flat ones join it. */
export function backfillHeldPositions(db: DynamoDBDocumentClient, tablePrefix = '') {
  return stamp(db, tradingTable(tablePrefix), {
    skPrefix: tradingKeys.positionSkPrefix,
    indexPk: 'heldPk',
    attributes: ({ accountId, symbol, quantity }) => {
      if (typeof accountId !== 'string' || typeof symbol !== 'string') return undefined;
      if (typeof quantity !== 'string' || Decimal.parse(quantity).isZero()) return undefined;
      return {
        heldPk: tradingKeys.heldPk(accountId),
        heldSk: tradingKeys.heldSk(accountId, symbol),
      };
    },
  });
}

const isStatus = (value: unknown): value is OrderStatus =>
  OrderStatuses.includes(value as OrderStatus);

/** Orders written before the in-flight index: those awaiting the venue join it. */
export function backfillInFlightOrders(db: DynamoDBDocumentClient, tablePrefix = '') {
  return stamp(db, tradingTable(tablePrefix), {
    skPrefix: tradingKeys.orderSkPrefix,
    indexPk: 'inFlightPk',
    attributes: ({ accountId, orderId, status, updatedAt }) => {
      if (typeof accountId !== 'string' || typeof orderId !== 'string') return undefined;
      if (!isStatus(status) || !isAwaitingVenue(status) || typeof updatedAt !== 'number')
        return undefined;
      return {
        inFlightPk: tradingKeys.inFlightPk(accountId),
        inFlightSk: tradingKeys.inFlightSk(updatedAt, accountId, orderId),
      };
    },
  });
}
