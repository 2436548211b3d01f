// The one vitest configuration every project uses, so projects only say what differs.
import { basename, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const sourceConditions = ['@perp/source', 'node', 'development|production'];

// By path from this file, not by package name: the setup must load even where the project does not
// depend on @perp/test-services, and before any workspace package has been built.
const dynamoDbGlobalSetup = join(
  import.meta.dirname,
  'libs/platform/test-services/src/dynamodb-global-setup.ts',
);

export interface ProjectTestOptions {
  /** Modules run once per test run before any test file (e.g. starting DynamoDB Local). */
  readonly globalSetup?: readonly string[];
  /** Per-test timeout; tests that talk to emulators need more than the default. */
  readonly testTimeout?: number;
  /**
   * Start one DynamoDB Local for the whole run (~3 s, Java) and hand its endpoint to the test files;
   * they reach it with `connectDynamoDb()` from @perp/test-services. Skipped if DYNAMODB_ENDPOINT is set.
   */
  readonly dynamodb?: boolean;
}

export function projectTestConfig(
  projectRoot: string,
  options: ProjectTestOptions = {},
): ViteUserConfig {
  const pkg = JSON.parse(readFileSync(`${projectRoot}/package.json`, 'utf8')) as { name?: string };
  return defineConfig({
    root: projectRoot,
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions } },
    test: {
      name: pkg.name ?? basename(projectRoot),
      environment: 'node',
      include: ['src/**/*.test.ts'],
      globalSetup: [
        ...(options.dynamodb ? [dynamoDbGlobalSetup] : []),
        ...(options.globalSetup ?? []),
      ],
      testTimeout: options.testTimeout ?? 20_000,
      hookTimeout: 60_000,
      reporters: ['default'],
      coverage: { provider: 'v8', reportsDirectory: `${projectRoot}/coverage` },
    },
  });
}
