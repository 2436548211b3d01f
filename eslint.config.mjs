import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

// Packages that do I/O. Domain and contracts stay pure so they can run anywhere (browser, Lambda,
// benchmarks) and be tested without services.
const ioPackages = [
  '@aws-sdk/*',
  'aws-sdk',
  'aws-cdk-lib',
  'ioredis',
  'redis',
  'ws',
  'fastify',
  '@fastify/*',
  'grammy',
  'pg',
  'kysely',
  'ethers',
  'pino',
  'node:fs',
  'node:net',
  'node:http',
  'node:child_process',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  prettier,
  {
    ignores: [
      '**/dist',
      '**/out-tsc',
      '**/coverage',
      '**/.nx',
      '**/.tools',
      '**/.local',
      '**/cdk.out',
    ],
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              // tool-lib only from tests, benchmarks and tools: see the rule on production files below.
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:contracts',
                'type:adapter',
                'type:util',
                'type:tool-lib',
              ],
            },
            {
              sourceTag: 'type:adapter',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:contracts',
                'type:adapter',
                'type:util',
                'type:tool-lib',
              ],
            },
            {
              // Test and tool code as a library: starting the platform, minting tokens, the seed.
              sourceTag: 'type:tool-lib',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:contracts',
                'type:adapter',
                'type:util',
                'type:tool-lib',
              ],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: ioPackages,
            },
            {
              // The domain owns the vocabulary and the identifiers; contracts build their wire
              // schemas from it and map between the two. Both stay free of I/O.
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'],
              bannedExternalImports: ioPackages,
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
          ],
        },
      ],
    },
  },
  {
    // What runs in production never pulls test or local-only code: the emulators, the launcher.
    files: ['apps/*/src/**/*.ts', 'libs/*/*/src/**/*.ts'],
    ignores: [
      '**/*.test.ts',
      '**/*.bench.ts',
      '**/test-support/**',
      'apps/*/src/bench/**',
      'libs/platform/test-services/**',
      'libs/platform/local-stack/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['@perp/test-services', '@perp/local-stack'].map((name) => ({
            name,
            message:
              'Test and local-stack code: import it only from tests, test-support and benchmarks.',
          })),
        },
      ],
    },
  },
  {
    // Workspace-level tool configuration shared by every project, not a library import.
    files: ['**/vitest.config.ts', '**/eslint.config.mjs'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'Use an `as const` object and a union: Node runs TypeScript by type stripping.',
        },
        {
          selector: 'TSModuleDeclaration[kind!="global"]',
          message: 'No namespaces: Node runs TypeScript by type stripping.',
        },
        {
          selector: 'TSParameterProperty',
          message: 'No parameter properties: Node runs TypeScript by type stripping.',
        },
      ],
    },
  },
];
