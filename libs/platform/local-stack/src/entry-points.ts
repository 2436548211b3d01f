import { join, resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../../..');

/**
 * Where each program of the platform starts, run from sources by type stripping. An app cannot
 * import another app, so starting one as a process is the only way in; this is the one place
 * that knows their paths (a program that moves is fixed here, and nowhere else).
 */
export const ENTRY_POINTS = {
  /** `npm start`: the whole platform on one machine. */
  stack: join(WORKSPACE_ROOT, 'tools/stack/src/main.ts'),
  /** The local identity issuer (the stand-in for Cognito): its JWKS is what the gateway trusts. */
  identity: join(WORKSPACE_ROOT, 'tools/identity/src/main.ts'),
  /** `npm run token`: mints a token signed by the local issuer's key. */
  tokenCli: join(WORKSPACE_ROOT, 'tools/identity/src/token-cli.ts'),
  /** `npm run trade`: the trader CLI. */
  trade: join(WORKSPACE_ROOT, 'tools/trade/src/main.ts'),
  /** `npm run venue`: the operator CLI of the real venues (signing, checks). */
  venue: join(WORKSPACE_ROOT, 'tools/venue/src/main.ts'),
  gateway: join(WORKSPACE_ROOT, 'apps/ws-gateway/src/main.ts'),
  oms: join(WORKSPACE_ROOT, 'apps/oms/src/main.ts'),
  simVenue: join(WORKSPACE_ROOT, 'apps/sim-venue/src/main.ts'),
  /** The singleton quoting bot; `npm run market-maker` starts one more against a running stack. */
  marketMaker: join(WORKSPACE_ROOT, 'apps/market-maker/src/main.ts'),
  /** The Telegram bot, its outbox sender and internal API. */
  notifier: join(WORKSPACE_ROOT, 'apps/notifier/src/main.ts'),
  /** `npm run notifier:migrate`: the notifier's schema, a one-off command before it starts. */
  notifierMigrate: join(WORKSPACE_ROOT, 'apps/notifier/src/migrate.ts'),
  /** The margin-call job's scheduler (the Lambda's two schedules, locally). */
  marginCall: join(WORKSPACE_ROOT, 'apps/margin-call/src/main.ts'),
  /** One margin-call pass, on the configuration in its environment. */
  marginCallCli: join(WORKSPACE_ROOT, 'apps/margin-call/src/cli.ts'),
  /** `npm run margin-call`: one pass against the running stack, with the stack's settings. */
  marginCallStackCli: join(WORKSPACE_ROOT, 'tools/stack/src/margin-call-cli.ts'),
  /** `npm run market-maker`: one more bot against the running stack, standby while it has one. */
  marketMakerCli: join(WORKSPACE_ROOT, 'tools/stack/src/market-maker-cli.ts'),
} as const;
export type Program = keyof typeof ENTRY_POINTS;

/** `node --conditions=@perp/source <entry>`: how every program of the workspace runs from sources. */
export function nodeArgs(entry: string, args: readonly string[] = []): string[] {
  return ['--conditions=@perp/source', entry, ...args];
}
