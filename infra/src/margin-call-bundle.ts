// The margin-call Lambda's code: the workspace's sources bundled by esbuild into one ESM file, in
// this process (no Docker, no CDK bundling), so `cdk synth` works offline and fast.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSync } from 'esbuild';

const WORKSPACE = resolve(import.meta.dirname, '../..');

export const MARGIN_CALL_HANDLER = 'index.handler';

/** Writes `index.mjs` into `outDir` and answers the folder (the Lambda asset). */
export function bundleMarginCall(
  outDir = resolve(WORKSPACE, 'dist/infra/margin-call-lambda'),
): string {
  mkdirSync(outDir, { recursive: true });
  buildSync({
    entryPoints: [resolve(WORKSPACE, 'apps/margin-call/src/lambda.ts')],
    outfile: resolve(outDir, 'index.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    conditions: ['@perp/source'],
    // CommonJS dependencies call require(); an ESM bundle has none unless it is made.
    banner: {
      js: "import { createRequire as __perpRequire } from 'node:module'; const require = __perpRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    minify: false,
    legalComments: 'none',
    logLevel: 'error',
  });
  return outDir;
}
