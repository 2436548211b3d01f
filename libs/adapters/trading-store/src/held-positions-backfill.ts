import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLES } from '@perp/resources';
import { Decimal } from '@perp/decimal';
import { tradingKeys } from './keys.ts';

/**
 * Gives the position items written before the held-positions index existed its attributes, so the
 * margin-call scan sees them: a one-off after the index is added to an existing table (the local
 * stack does it when provisioning reports the table `updated`). Reads the table once; each update
 * is conditional on the item's version, so one a writer changed meanwhile (and stamped itself) is
 * left alone. Resolves with how many were stamped.
 */
export async function backfillHeldPositions(
  db: DynamoDBDocumentClient,
  tablePrefix = '',
): Promise<number> {
  const table = `${tablePrefix}${TABLES.trading.name}`;
  let stamped = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'begins_with(sk, :position) AND attribute_not_exists(heldPk)',
        ExpressionAttributeValues: { ':position': tradingKeys.positionSkPrefix },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const { pk, sk, accountId, symbol, quantity, version } = item as Record<string, unknown>;
      if (typeof accountId !== 'string' || typeof symbol !== 'string') continue;
      if (typeof quantity !== 'string' || Decimal.parse(quantity).isZero()) continue;
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: { pk, sk },
            UpdateExpression: 'SET heldPk = :heldPk, heldSk = :heldSk',
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: {
              ':heldPk': tradingKeys.heldPk(accountId),
              ':heldSk': tradingKeys.heldSk(accountId, symbol),
              ':version': version,
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
