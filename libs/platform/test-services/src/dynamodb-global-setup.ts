import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { provideDynamoDbEndpoint } from './provided-context.ts';

/**
 * Vitest global setup: one DynamoDB Local per test run (a JVM takes ~3 s to start, too slow per
 * file), handed to test files via provide/inject; stopped on teardown. With DYNAMODB_ENDPOINT set,
 * nothing is started and test files use that endpoint.
 * Enabled by `projectTestConfig(import.meta.dirname, { dynamodb: true })` in vitest.preset.ts.
 */
export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  if (process.env['DYNAMODB_ENDPOINT']) return undefined;
  const server = await startDynamoDbLocal();
  provideDynamoDbEndpoint(project, server.endpoint);
  return () => server.stop();
}
