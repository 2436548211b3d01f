// The DynamoDB tables, from the declarations the apps and the local launcher read.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  TABLES,
  tableName,
  type KeyAttribute,
  type TableDefinition,
  type TableKey,
} from '@perp/resources';
import type { EnvironmentConfig } from '../config/environment.ts';

const attribute = (key: KeyAttribute): dynamodb.Attribute => ({
  name: key.name,
  type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
});

export class Tables extends Construct {
  readonly tables: Readonly<Record<TableKey, dynamodb.TableV2>>;

  constructor(scope: Construct, id: string, environment: EnvironmentConfig, prefix: string) {
    super(scope, id);
    const table = (key: TableKey, definition: TableDefinition) =>
      new dynamodb.TableV2(this, key, {
        tableName: tableName(definition.name, prefix),
        partitionKey: attribute(definition.partitionKey),
        ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
        billing: dynamodb.Billing.onDemand(),
        globalSecondaryIndexes: definition.indexes.map((index) => ({
          indexName: index.indexName,
          partitionKey: attribute(index.partitionKey),
          ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        })),
        ...(definition.ttlAttribute ? { timeToLiveAttribute: definition.ttlAttribute } : {}),
        pointInTimeRecoverySpecification: {
          pointInTimeRecoveryEnabled: environment.pointInTimeRecovery,
          ...(environment.pointInTimeRecovery ? { recoveryPeriodInDays: 35 } : {}),
        },
        deletionProtection: environment.protectData,
        removalPolicy: environment.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
    this.tables = {
      config: table('config', TABLES.config),
      trading: table('trading', TABLES.trading),
    };
  }
}
