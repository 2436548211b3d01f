import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';

// Counts the AWS requests an SDK client sends, with SDK middleware at the `initialize` step (once
// per `send`, before retries). Installed on the clients the OMS under test uses; the benchmark's
// own load producer uses another client, so what is counted is the OMS's traffic only.

export const DYNAMODB_WRITES: ReadonlySet<string> = new Set([
  'TransactWriteItems',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
]);

/** Counts by key; `snapshot()` copies them, `reset()` starts over. */
export class Tally {
  readonly #counts = new Map<string, number>();

  add(key: string, amount = 1): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + amount);
  }

  get(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  reset(): void {
    this.#counts.clear();
  }

  snapshot(): ReadonlyMap<string, number> {
    return new Map(this.#counts);
  }
}

/** The counts of one window: requests by operation and finer detail (see the keys below). */
export interface AwsCallCounts {
  /** Requests by operation name (`GetItem`, `ReceiveMessage`, …). */
  readonly requests: ReadonlyMap<string, number>;
  /**
   * Detail keys: `write:<commandType>` (a transaction by the type of the command it records),
   * `read:<what>` (the item or index read), `error:<operation>:<name>`, `attempts` (HTTP attempts
   * incl. SDK retries), `received` / `emptyReceives` / `deleted` / `sent` (SQS message counts).
   */
  readonly detail: ReadonlyMap<string, number>;
  readonly milliseconds: ReadonlyMap<string, number>;
}

export class AwsCallCounter {
  readonly requests = new Tally();
  readonly detail = new Tally();
  /** Milliseconds spent in requests, by operation (summed; divide by `requests` for the mean). */
  readonly milliseconds = new Tally();

  reset(): void {
    this.requests.reset();
    this.detail.reset();
    this.milliseconds.reset();
  }

  snapshot(): AwsCallCounts {
    return {
      requests: this.requests.snapshot(),
      detail: this.detail.snapshot(),
      milliseconds: this.milliseconds.snapshot(),
    };
  }
}

const operationOf = (commandName: unknown): string =>
  String(commandName ?? 'unknown').replace(/Command$/, '');

type Input = Record<string, unknown>;

/** What a DynamoDB read reads, by its key or index (inputs are still unmarshalled here). */
function readTarget(operation: string, input: Input): string {
  if (operation === 'GetItem') {
    const sk = String((input['Key'] as Input | undefined)?.['sk'] ?? '');
    return `GetItem ${sk.split('#')[0] ?? sk}`;
  }
  if (operation === 'Query') {
    if (input['IndexName']) return `Query ${String(input['IndexName'])} (open orders)`;
    const values = (input['ExpressionAttributeValues'] ?? {}) as Input;
    const prefix = values[':prefix'];
    if (typeof prefix === 'string') return `Query ${prefix}*`;
    return `Query ${String(values[':pk'] ?? '?')}`;
  }
  if (operation === 'BatchGetItem') return 'BatchGetItem (trading states)';
  return operation;
}

/** The command type a trading transaction records (its `COMMAND#` item), for attribution. */
function transactionCommandType(input: Input): string {
  const items = (input['TransactItems'] ?? []) as { Put?: { Item?: Input } }[];
  for (const entry of items) {
    const item = entry.Put?.Item;
    if (item && String(item['sk'] ?? '').startsWith('COMMAND#'))
      return String(item['commandType'] ?? '?');
  }
  return '?';
}

export function countDynamoDbCalls(client: DynamoDBClient, counter: AwsCallCounter): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = operationOf(context.commandName);
      const input = args.input as Input;
      counter.requests.add(operation);
      if (operation === 'TransactWriteItems')
        counter.detail.add(`write:${transactionCommandType(input)}`);
      else if (DYNAMODB_WRITES.has(operation)) counter.detail.add(`write:${operation}`);
      else counter.detail.add(`read:${readTarget(operation, input)}`);
      const started = performance.now();
      try {
        const result = await next(args);
        counter.detail.add('attempts', attemptsOf(result.output));
        return result;
      } catch (error) {
        counter.detail.add(`error:${operation}:${(error as Error).name}`);
        counter.detail.add('attempts', attemptsOf(error));
        throw error;
      } finally {
        counter.milliseconds.add(operation, performance.now() - started);
      }
    },
    { step: 'initialize', name: 'benchCountDynamoDbCalls' },
  );
}

export function countSqsCalls(client: SQSClient, counter: AwsCallCounter): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = operationOf(context.commandName);
      const input = args.input as Input;
      counter.requests.add(operation);
      const entries = Array.isArray(input['Entries']) ? input['Entries'].length : 0;
      if (operation === 'DeleteMessageBatch') counter.detail.add('deleted', entries);
      if (operation === 'SendMessageBatch') counter.detail.add('sent', entries);
      if (operation === 'SendMessage') counter.detail.add('sent');
      const started = performance.now();
      try {
        const result = await next(args);
        counter.detail.add('attempts', attemptsOf(result.output));
        if (operation === 'ReceiveMessage') {
          const received = (
            (result.output as unknown as Input)['Messages'] as unknown[] | undefined
          )?.length;
          counter.detail.add('received', received ?? 0);
          if (!received) counter.detail.add('emptyReceives');
        }
        return result;
      } catch (error) {
        counter.detail.add(`error:${operation}:${(error as Error).name}`);
        throw error;
      } finally {
        counter.milliseconds.add(operation, performance.now() - started);
      }
    },
    { step: 'initialize', name: 'benchCountSqsCalls' },
  );
}

function attemptsOf(value: unknown): number {
  const metadata = (value as { $metadata?: { attempts?: number } } | undefined)?.$metadata;
  return metadata?.attempts ?? 1;
}
