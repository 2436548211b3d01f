import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { GlobalOptions } from './args.ts';

const run = promisify(execFile);

/** The local issuer's token CLI (same folder depth from src/ and dist/). */
export const TOKEN_CLI = resolve(import.meta.dirname, '../../identity/src/token-cli.ts');

/** No token was given and none could be minted. */
export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

/**
 * The access token: `--token`, else `PERP_TOKEN` (already in `options.token`), else one minted for
 * `--account` by the local issuer's token CLI. Minting signs with the key in `IDENTITY_DATA_DIR`
 * (default `.local/identity`), so the token is trusted only by the local stack's gateway.
 */
export async function resolveToken(options: GlobalOptions): Promise<string> {
  if (options.token !== undefined) return options.token;
  if (options.account === undefined)
    throw new TokenError(
      'no token: give --token, set PERP_TOKEN, or --account <id> to mint one (local stack only)',
    );
  const args = ['--conditions=@perp/source', TOKEN_CLI, '--account', options.account];
  if (options.roles !== undefined) args.push('--roles', options.roles);
  try {
    const { stdout } = await run(process.execPath, args, { encoding: 'utf8' });
    const token = stdout.trim();
    if (token === '') throw new Error('the token CLI printed nothing');
    return token;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new TokenError(
      `cannot mint a token for ${options.account}: ${stderr || (error as Error).message}`,
    );
  }
}
