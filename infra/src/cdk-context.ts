// The context `cdk` reads from cdk.json (feature flags, AZs), for apps built outside the CLI (the
// tests), so both synthesise the same templates.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export function cdkJsonContext(): Record<string, unknown> {
  const file = resolve(import.meta.dirname, '../cdk.json');
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { context?: Record<string, unknown> };
  return parsed.context ?? {};
}
