import { AuthError, type TokenVerifier } from '@perp/auth';
import { failures, RpcFailure } from '../rpc/rpc-failure.ts';
import { RpcErrorCode } from '@perp/contracts';
import {
  CONNECTION_LIMIT_RETRY_MS,
  acquireConnectionSlot,
  connectionLimitMessage,
} from '../session/connection-slots.ts';
import type { MethodHandler } from '../rpc/method-handler.ts';
import type { AccountConnections } from '../session/account-connections.ts';

/** auth.login checks the token and takes one of the account's connection slots. */
export interface LoginContext {
  readonly verifier: TokenVerifier;
  readonly accountConnections: AccountConnections;
}

/**
 * auth.login: binds the socket to the token's principal. A socket belongs to one account: a later
 * login refreshes the token of the same account (the socket keeps its connection slot); a token
 * of another account is refused, so a socket never mixes two accounts' data.
 */
export const authLogin: MethodHandler<'auth.login', LoginContext> = async (
  ctx,
  { params, connection, log },
) => {
  let principal;
  try {
    principal = await ctx.verifier.verify(params.token);
  } catch (error) {
    // The issuer's keys could not be fetched: retryable, answered 10007 like any dependency.
    if (!(error instanceof AuthError) || error.retryable) throw error;
    const auth = error;
    throw new RpcFailure(RpcErrorCode.NotAuthenticated, authMessage(auth.code), {
      reason: auth.code,
    });
  }
  const current = connection.principal;
  if (current && current.accountId !== principal.accountId) {
    throw failures.invalidParams(
      'token',
      'is for another account than this connection; open a new connection',
    );
  }
  if (!current && !(await acquireConnectionSlot(ctx, connection, principal.accountId)))
    throw failures.rateLimited(
      CONNECTION_LIMIT_RETRY_MS,
      connectionLimitMessage(ctx.accountConnections.maxPerAccount),
    );
  connection.authenticate(principal);
  log.info({ accountId: principal.accountId, roles: principal.roles }, 'logged in');
  return {
    accountId: principal.accountId,
    roles: [...principal.roles],
    expiresAt: principal.expiresAt,
  };
};

function authMessage(code: string): string {
  switch (code) {
    case 'TOKEN_EXPIRED':
      return 'Not authenticated: the token has expired';
    case 'TOKEN_WRONG_USE':
      return 'Not authenticated: not an access token';
    case 'NO_ACCOUNT':
      return 'Not authenticated: the token names no account';
    case 'TOKEN_MALFORMED':
      return 'Not authenticated: the token is not a well-formed JWT';
    default:
      return 'Not authenticated: the token is not valid';
  }
}
