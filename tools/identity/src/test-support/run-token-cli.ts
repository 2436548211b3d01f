import { ENTRY_POINTS, runNodeProgram, type ProgramRun } from '@perp/local-stack';

export type CliResult = ProgramRun;

/** Runs the token CLI as `npm run token` does, with `env` on top of a clean IDENTITY_* slate. */
export function runTokenCli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<CliResult> {
  return runNodeProgram(ENTRY_POINTS.tokenCli, args, {
    env,
    unset: (name) => name.startsWith('IDENTITY_'),
  });
}
