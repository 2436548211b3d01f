// Creates a new app or lib with the workspace's conventions (TS solution setup, source condition,
// tags, vitest, lint). Usage:
//   npm run new -- libs/domain/orders --tags type:domain,scope:trading
//   npm run new -- apps/oms --tags type:app,scope:trading
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { projectFiles } from './templates.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { tags: { type: 'string' }, name: { type: 'string' } },
});

const workspaceRoot = resolve(import.meta.dirname, '../../..');
const location = positionals[0];
const tags = (values.tags ?? '').split(',').filter(Boolean);
if (!location || !/^(apps|libs|tools)\/[a-z0-9-/]+$/.test(location)) {
  console.error(
    'usage: npm run new -- <apps|libs|tools>/<path> --tags type:...,scope:... [--name @perp/x]',
  );
  process.exit(2);
}
if (!tags.some((t) => t.startsWith('type:')) || !tags.some((t) => t.startsWith('scope:'))) {
  console.error('--tags needs one type:* and one scope:* tag');
  process.exit(2);
}

const projectRoot = join(workspaceRoot, location);
if (existsSync(projectRoot)) {
  console.error(`${location} exists already`);
  process.exit(1);
}
const name = values.name ?? `@perp/${location.split('/').at(-1)}`;
const toRoot = relative(projectRoot, workspaceRoot);
for (const [file, text] of Object.entries(projectFiles({ name, tags, toRoot }))) {
  const path = join(projectRoot, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
console.log(`created ${name} in ${location}; run "npm install" to link it, then "npx nx sync".`);
