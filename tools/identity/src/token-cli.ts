// `npm run token -- --account <id> [--roles … | --scope …] [--ttl …]`: prints a local access token and nothing
// else on stdout, so `TOKEN=$(npm run -s token -- --account alice)` works. Needs no running server:
// it signs with the key in IDENTITY_DATA_DIR, creating it if this is the first use.
import { issueAccessToken } from './access-token.ts';
import { identityEndpoints, readIdentityConfig } from './config.ts';
import { loadOrCreateSigningKey } from './signing-key.ts';
import { parseTokenArgs, TOKEN_USAGE, UsageError, type TokenCommand } from './token-args.ts';

const EXIT_USAGE = 2;

let command: TokenCommand;
try {
  command = parseTokenArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`token: ${error.message}\n\n${TOKEN_USAGE}\n`);
  process.exit(EXIT_USAGE);
}
if (command.help) {
  process.stdout.write(`${TOKEN_USAGE}\n`);
  process.exit(0);
}

const config = readIdentityConfig();
let key: Awaited<ReturnType<typeof loadOrCreateSigningKey>>;
try {
  key = await loadOrCreateSigningKey(config.IDENTITY_DATA_DIR);
} catch (error) {
  process.stderr.write(`token: no signing key: ${(error as Error).message}\n`);
  process.exit(1);
}
if (key.created)
  process.stderr.write(
    `token: created a signing key (kid ${key.kid}) in ${config.IDENTITY_DATA_DIR}\n`,
  );

const token = await issueAccessToken(
  { key, issuer: identityEndpoints(config).issuer, clientId: config.IDENTITY_AUDIENCE },
  command,
);
process.stdout.write(`${token}\n`);
