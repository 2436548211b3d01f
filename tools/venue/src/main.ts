// `npm run -s venue -- <command> [options]`: the operator's tool for the real venues. See `--help`.
import { parseCommandLine, USAGE, UsageError, type Command } from './args.ts';
import { runAccountCommand } from './account-commands.ts';
import { runCheck, type CheckResult } from './check.ts';
import { runRoutes } from './routes.ts';
import { signatureLine } from './sign.ts';

const EXIT_USAGE = 2;

const EXIT_FAILED = 1;

type Signing = Extract<Command, { name: `sign-${string}` }>;
type Reporting = Exclude<Command, Signing | { name: 'help' }>;

const isSigning = (command: Command): command is Signing => command.name.startsWith('sign-');

/** The commands that ask a venue or the config table: lines to print, and whether they passed. */
function report(command: Reporting): Promise<CheckResult> {
  switch (command.name) {
    case 'check':
      return runCheck(command);
    case 'positions':
    case 'cancel-all':
      return runAccountCommand(command);
    case 'routes':
    case 'route':
      return runRoutes(command);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    if (command.name === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (isSigning(command)) {
      process.stdout.write(`${signatureLine(command)}\n`);
      return 0;
    }
    const result = await report(command);
    process.stdout.write(`${result.lines.join('\n')}\n`);
    return result.passed ? 0 : EXIT_FAILED;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`venue: ${error.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
}

process.exitCode = await main(process.argv.slice(2));
