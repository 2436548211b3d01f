import {
  ENTRY_POINTS,
  runNodeProgram,
  startNodeProcess,
  type ProgramRun,
  type StartedProcess,
} from '@perp/local-stack';

// The CLI must not pick up a developer's own token or gateway from the environment.
const ownSettings = (name: string) => name === 'PERP_TOKEN' || name === 'PERP_WS_URL';

/** The CLI as a user runs it (`npm run -s trade -- …`), with `env` over a clean environment. */
export function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ProgramRun> {
  return runNodeProgram(ENTRY_POINTS.trade, args, { env, unset: ownSettings });
}

/** The CLI started and left running (watch); its stdout collected as it comes. */
export function startCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): StartedProcess {
  return startNodeProcess(ENTRY_POINTS.trade, { args, env, unset: ownSettings });
}
