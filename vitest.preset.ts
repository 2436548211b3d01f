// The one vitest configuration every project uses, so projects only say what differs.
import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const sourceConditions = ['@perp/source', 'module', 'node', 'development|production'];

export interface ProjectTestOptions {
  /** Modules run once per test run before any test file (e.g. starting DynamoDB Local). */
  readonly globalSetup?: readonly string[];
  /** Per-test timeout; tests that talk to emulators need more than the default. */
  readonly testTimeout?: number;
}

export function projectTestConfig(projectRoot: string, options: ProjectTestOptions = {}): ViteUserConfig {
  const pkg = JSON.parse(readFileSync(`${projectRoot}/package.json`, 'utf8')) as { name?: string };
  return defineConfig({
    root: projectRoot,
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions } },
    test: {
      name: pkg.name ?? basename(projectRoot),
      environment: 'node',
      include: ['src/**/*.test.ts'],
      globalSetup: [...(options.globalSetup ?? [])],
      testTimeout: options.testTimeout ?? 20_000,
      hookTimeout: 60_000,
      reporters: ['default'],
      coverage: { provider: 'v8', reportsDirectory: `${projectRoot}/coverage` },
    },
  });
}
