// `npm run -s venue -- <command> [options]`: the operator's tool for the real venues. See `--help`.
import { parseCommandLine, USAGE, UsageError } from './args.ts';
import { signatureLine } from './sign.ts';

const EXIT_USAGE = 2;

function main(argv: readonly string[]): number {
  try {
    const command = parseCommandLine(argv);
    if (command.name === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    process.stdout.write(`${signatureLine(command)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`venue: ${error.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
}

process.exitCode = main(process.argv.slice(2));
