export interface ProjectTemplateInput {
  readonly name: string;
  readonly tags: readonly string[];
  /** Relative path from the project root to the workspace root. */
  readonly toRoot: string;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The files of a new project, keyed by path relative to the project root. */
export function projectFiles({ name, tags, toRoot }: ProjectTemplateInput): Record<string, string> {
  const base = `${toRoot}/tsconfig.base.json`;
  return {
    'package.json': json({
      name,
      version: '0.0.0',
      private: true,
      type: 'module',
      exports: {
        '.': {
          '@perp/source': './src/index.ts',
          types: './dist/index.d.ts',
          default: './dist/index.js',
        },
        './package.json': './package.json',
      },
      nx: { tags },
      dependencies: {},
    }),
    'tsconfig.json': json({
      extends: base,
      files: [],
      include: [],
      references: [{ path: './tsconfig.lib.json' }, { path: './tsconfig.spec.json' }],
    }),
    'tsconfig.lib.json': json({
      extends: base,
      compilerOptions: {
        rootDir: 'src',
        outDir: 'dist',
        tsBuildInfoFile: 'dist/tsconfig.lib.tsbuildinfo',
        emitDeclarationOnly: false,
        rewriteRelativeImportExtensions: true,
      },
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/**/*.bench.ts', 'src/test-support/**'],
      references: [],
    }),
    'tsconfig.spec.json': json({
      extends: base,
      compilerOptions: {
        outDir: './out-tsc/spec',
        tsBuildInfoFile: './out-tsc/spec/tsconfig.spec.tsbuildinfo',
      },
      include: ['src/**/*.test.ts', 'src/**/*.bench.ts', 'src/test-support/**/*.ts'],
      references: [{ path: './tsconfig.lib.json' }],
    }),
    'vitest.config.ts': `import { projectTestConfig } from '${toRoot}/vitest.preset.ts';\n\nexport default projectTestConfig(import.meta.dirname);\n`,
    'eslint.config.mjs': `import baseConfig from '${toRoot}/eslint.config.mjs';\n\nexport default [...baseConfig];\n`,
    'src/index.ts': `export {};\n`,
  };
}
