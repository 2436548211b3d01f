import { ENTRY_POINTS } from './entry-points.ts';
import { runNodeProgram } from './node-process.ts';

/** Where the local issuer keeps its key and where it listens (the token's `iss`). */
export interface IssuerLocation {
  /** IDENTITY_DATA_DIR; the CLI's default (`.local/identity`) when omitted. */
  readonly identityDataDir?: string;
  /** IDENTITY_PORT; the CLI's default when omitted. */
  readonly identityPort?: string;
}

export interface TokenRequest extends IssuerLocation {
  readonly accountId: string;
  /** Comma-separated, as `--roles` takes them; the CLI's default (trader) when omitted. */
  readonly roles?: string;
  /** As `--scope` takes them: a machine (client-credentials) token; not with `roles`. */
  readonly scope?: string;
}

/** The token CLI failed; its own message says why (no key yet, a bad account id…). */
export class TokenMintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenMintError';
  }
}

/**
 * A token signed with the local issuer's key, minted the way a developer does (`npm run token`),
 * so it is trusted by the local stack's gateway and by nothing else.
 */
export async function mintToken(request: TokenRequest): Promise<string> {
  const args = ['--account', request.accountId];
  if (request.roles !== undefined) args.push('--roles', request.roles);
  if (request.scope !== undefined) args.push('--scope', request.scope);
  const env: Record<string, string> = {};
  if (request.identityDataDir !== undefined) env['IDENTITY_DATA_DIR'] = request.identityDataDir;
  if (request.identityPort !== undefined) env['IDENTITY_PORT'] = request.identityPort;
  const run = await runNodeProgram(ENTRY_POINTS.tokenCli, args, { env });
  const token = run.stdout.trim();
  if (run.code !== 0 || token === '')
    throw new TokenMintError(
      `cannot mint a token for ${request.accountId}: ${run.stderr.trim() || `the token CLI exited with ${run.code} and printed nothing`}`,
    );
  return token;
}

/** Mints once per account and roles for an issuer, then answers from memory. */
export function tokenMinter(
  issuer: IssuerLocation,
): (accountId: string, roles?: string) => Promise<string> {
  const minted = new Map<string, Promise<string>>();
  return (accountId, roles = 'trader') => {
    const key = `${accountId}/${roles}`;
    let token = minted.get(key);
    if (!token) {
      token = mintToken({ ...issuer, accountId, roles });
      // A failure is not remembered: the next call tries again.
      token.catch(() => minted.delete(key));
      minted.set(key, token);
    }
    return token;
  };
}
