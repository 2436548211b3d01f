import type { TestProject } from 'vitest/node';

// Values the global setup hands to test files through vitest's provide/inject. Unlike an
// environment variable, provided values are per vitest project, so two projects in one run never
// see each other's servers. Typed here rather than by augmenting vitest's ProvidedContext, so
// consumers' types are untouched.
export const DYNAMODB_ENDPOINT_KEY = 'perp.testServices.dynamoDbEndpoint';

export function provideDynamoDbEndpoint(project: TestProject, endpoint: string): void {
  (project.provide as (key: string, value: unknown) => void)(DYNAMODB_ENDPOINT_KEY, endpoint);
}
