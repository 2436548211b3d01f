import { describe, expect, it } from 'vitest';
import { projectFiles } from './templates.ts';

describe('projectFiles', () => {
  const files = projectFiles({
    name: '@perp/funding',
    tags: ['type:domain', 'scope:trading'],
    toRoot: '../../..',
  });

  it('writes a workspace package with the source condition, tags and one public entry point', () => {
    const pkg = JSON.parse(files['package.json'] ?? '{}');
    expect(pkg.name).toBe('@perp/funding');
    expect(pkg.nx.tags).toEqual(['type:domain', 'scope:trading']);
    expect(pkg.exports['.']['@perp/source']).toBe('./src/index.ts');
    expect(Object.keys(pkg.exports)).toEqual(['.', './package.json']);
  });

  it('points every config at the workspace root by the relative path given', () => {
    for (const file of ['tsconfig.json', 'tsconfig.lib.json', 'tsconfig.spec.json']) {
      expect(JSON.parse(files[file] ?? '{}').extends).toBe('../../../tsconfig.base.json');
    }
    expect(files['vitest.config.ts']).toContain("from '../../../vitest.preset.ts'");
    expect(files['eslint.config.mjs']).toContain("from '../../../eslint.config.mjs'");
  });

  it('emits JavaScript only from the lib config, keeping tests out of it', () => {
    const lib = JSON.parse(files['tsconfig.lib.json'] ?? '{}');
    expect(lib.compilerOptions.emitDeclarationOnly).toBe(false);
    expect(lib.compilerOptions.rewriteRelativeImportExtensions).toBe(true);
    expect(lib.exclude).toContain('src/**/*.test.ts');
  });
});
