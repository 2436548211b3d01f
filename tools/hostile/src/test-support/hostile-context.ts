// What the suite's one stack hands every test file (vitest's provide/inject), and the ledger each
// file writes its attacks to, so the run ends with one count of what was tried and let in.
import { appendFileSync } from 'node:fs';
import { inject } from 'vitest';

export interface HostileStack {
  /** The gateway's `ws://127.0.0.1:<port>/v1/ws`. */
  readonly wsUrl: string;
  /** The gateway's `http://127.0.0.1:<port>` (upgrade and operations endpoints). */
  readonly gatewayHttpUrl: string;
  /** The notifier's internal API, `http://127.0.0.1:<port>`. */
  readonly notifierUrl: string;
  /** The local issuer: its JWKS is `${issuerUrl}/.well-known/jwks.json`; tokens carry it as `iss`. */
  readonly issuerUrl: string;
  /** What the token CLI needs to mint for this stack (IDENTITY_DATA_DIR, IDENTITY_PORT). */
  readonly identityEnv: Readonly<Record<'IDENTITY_DATA_DIR' | 'IDENTITY_PORT', string>>;
  /** The gateway's accepted audience (the token CLI's default client). */
  readonly audience: string;
  /** JSONL file of attack counts and secrets (see recordAttacks, recordSecret). */
  readonly ledgerPath: string;
  /** How many cases each property or flood tries (HOSTILE_RUNS; short in CI, 1000 by npm run hostile). */
  readonly runs: number;
}

// eslint-disable-next-line no-restricted-syntax -- an ambient module augmentation is type-only (erased); it is vitest's documented way to type inject().
declare module 'vitest' {
  export interface ProvidedContext {
    hostile: HostileStack;
  }
}

export const hostileStack = (): HostileStack => inject('hostile');

export interface AttackCount {
  /** The attack family as docs/reliability.md names it, e.g. "auth: expired token". */
  readonly attack: string;
  readonly tried: number;
  /** Cases that got in: an answer other than the documented refusal, or a dead process. */
  readonly letIn: number;
}

export type LedgerEntry =
  | ({ readonly kind: 'attack' } & AttackCount)
  | { readonly kind: 'secret'; readonly what: string; readonly value: string };

function append(entry: LedgerEntry): void {
  appendFileSync(hostileStack().ledgerPath, `${JSON.stringify(entry)}\n`);
}

/** Adds an attack's counts to the run's totals; the test still asserts `letIn === 0` itself. */
export function recordAttacks(count: AttackCount): void {
  append({ kind: 'attack', ...count });
}

/** A value that must never appear in the stack's logs (a token a test used, a key). */
export function recordSecret(what: string, value: string): void {
  append({ kind: 'secret', what, value });
}
