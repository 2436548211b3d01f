import { TokenMintError, mintToken } from '@perp/local-stack';
import type { GlobalOptions } from './args.ts';

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
  try {
    return await mintToken({
      accountId: options.account,
      ...(options.roles === undefined ? {} : { roles: options.roles }),
    });
  } catch (error) {
    if (error instanceof TokenMintError) throw new TokenError(error.message);
    throw error;
  }
}
