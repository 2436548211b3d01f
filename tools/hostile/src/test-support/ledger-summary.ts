// The run's closing count: attacks tried and let in, per family, and secrets found in the logs.
import { readFileSync } from 'node:fs';
import type { LedgerEntry } from './hostile-context.ts';

export interface HostileSummary {
  readonly attacks: ReadonlyMap<string, { tried: number; letIn: number }>;
  readonly tried: number;
  readonly letIn: number;
  /** Names of the secrets whose value appears in the logs (never the value itself). */
  readonly leaked: readonly string[];
  readonly secretsChecked: number;
}

export function readLedger(path: string): LedgerEntry[] {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LedgerEntry);
}

export function summarise(
  entries: readonly LedgerEntry[],
  logText: string,
  stackSecrets: ReadonlyMap<string, string>,
): HostileSummary {
  const attacks = new Map<string, { tried: number; letIn: number }>();
  // Pairs, not a map: several secrets may share a name (every token a family used).
  const secrets: [string, string][] = [...stackSecrets];
  for (const entry of entries) {
    if (entry.kind === 'secret') {
      secrets.push([entry.what, entry.value]);
      continue;
    }
    const total = attacks.get(entry.attack) ?? { tried: 0, letIn: 0 };
    total.tried += entry.tried;
    total.letIn += entry.letIn;
    attacks.set(entry.attack, total);
  }
  // A secret shorter than this would match by chance; none of ours is.
  const leaked = [
    ...new Set(
      secrets
        .filter(([, value]) => value.length >= 12 && logText.includes(value))
        .map(([what]) => what),
    ),
  ];
  let tried = 0;
  let letIn = 0;
  for (const total of attacks.values()) {
    tried += total.tried;
    letIn += total.letIn;
  }
  return { attacks, tried, letIn, leaked, secretsChecked: secrets.length };
}

export function formatSummary(summary: HostileSummary): string {
  const width = Math.max(6, ...[...summary.attacks.keys()].map((name) => name.length));
  const lines = [...summary.attacks]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, total]) =>
        `  ${name.padEnd(width)}  tried ${String(total.tried).padStart(6)}  let in ${total.letIn}`,
    );
  return [
    'hostile input suite',
    ...lines,
    `secrets scanned in the stack's logs: ${summary.secretsChecked}, found: ${summary.leaked.length}${summary.leaked.length ? ` (${summary.leaked.join(', ')})` : ''}`,
    `hostile: tried ${summary.tried}, passed ${summary.tried - summary.letIn}, let in ${summary.letIn}, secrets leaked ${summary.leaked.length}`,
  ].join('\n');
}
