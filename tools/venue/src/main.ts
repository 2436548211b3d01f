// `npm run -s venue -- <command> [options]`: the operator's tool for the real venues. See `--help`.
import { parseCommandLine, USAGE, UsageError } from './args.ts';
import { runAccountCommand } from './account-commands.ts';
import { runCheck } from './check.ts';
import { signatureLine } from './sign.ts';

const EXIT_USAGE = 2;

const EXIT_FAILED = 1;

async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    if (command.name === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command.name === 'check' || command.name === 'positions' || command.name === 'cancel-all') {
      const result =
        command.name === 'check' ? await runCheck(command) : await runAccountCommand(command);
      process.stdout.write(`${result.lines.join('\n')}\n`);
      return result.passed ? 0 : EXIT_FAILED;
    }
    process.stdout.write(`${signatureLine(command)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`venue: ${error.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
}

process.exitCode = await main(process.argv.slice(2));
