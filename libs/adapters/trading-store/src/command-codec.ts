import { COMMAND_TYPES, parseExecutionReport } from '@perp/contracts';
import { readId, readNumber, readOneOf, readText, type Item } from './item-fields.ts';
import { tradingKeys } from './keys.ts';
import type { CommandRecord } from './records.ts';

export function commandToItem(record: CommandRecord, expiresAt: number): Item {
  return {
    pk: tradingKeys.accountPk(record.accountId),
    sk: tradingKeys.commandSk(record.commandId),
    kind: 'command',
    commandId: record.commandId,
    accountId: record.accountId,
    commandType: record.commandType,
    reports: JSON.stringify(record.reports),
    processedAt: record.processedAt,
    expiresAt,
  };
}

export function itemToCommand(item: Item): CommandRecord {
  const reports: unknown = JSON.parse(readText(item, 'reports'));
  return {
    commandId: readId(item, 'commandId', 'CommandId'),
    accountId: readId(item, 'accountId', 'AccountId'),
    commandType: readOneOf(item, 'commandType', COMMAND_TYPES),
    // Stored as published: read back through the contract, like any consumer of the stream.
    reports: Array.isArray(reports) ? reports.map(parseExecutionReport) : [],
    processedAt: readNumber(item, 'processedAt'),
  };
}
