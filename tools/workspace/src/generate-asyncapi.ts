// Writes docs/asyncapi.json, the AsyncAPI 3.0 document of the trader WebSocket API, from the
// contracts (asyncApiDocument() in @perp/contracts), formatted by the workspace's prettier.
//   npm run docs:asyncapi             regenerate the file
//   npm run docs:asyncapi -- --check  exit 1 when the checked-in file is out of date (CI)
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { asyncApiDocument } from '@perp/contracts';
import prettier from 'prettier';

const root = resolve(import.meta.dirname, '../../..');
const target = resolve(root, 'docs/asyncapi.json');
const check = process.argv.includes('--check');

const config = await prettier.resolveConfig(target);
const text = await prettier.format(JSON.stringify(asyncApiDocument()), {
  ...config,
  filepath: target,
});

const name = relative(root, target);
if (check) {
  let current: string | undefined;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== text) {
    console.error(`${name} is out of date; run npm run docs:asyncapi`);
    process.exit(1);
  }
  console.log(`${name} is up to date`);
} else {
  writeFileSync(target, text);
  console.log(`wrote ${name}`);
}
