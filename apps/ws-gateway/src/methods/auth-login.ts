import { AuthError } from '@perp/auth';
import { failures, RpcFailure } from '../rpc/rpc-failure.ts';
import { RpcErrorCode } from '@perp/contracts';
import { acquireConnectionSlot } from '../session/connection-slots.ts';
import type { MethodHandler } from './method-handler.ts';

/**
 * auth.login: binds the socket to the token's principal. A socket belongs to one account: a later
 * login refreshes the token of the same account (the socket keeps its connection slot); a token
 * of another account is refused, so a socket never mixes two accounts' data.
 */
export const authLogin: MethodHandler<'auth.login'> = async (ctx, { params, connection, log }) => {
  let principal;
  try {
    principal = await ctx.verifier.verify(params.token);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    const auth = error;
    if (auth.retryable) {
      log.warn({ reason: auth.message }, 'token could not be verified: issuer keys unavailable');
      throw failures.unavailable('The token could not be verified now; retry');
    }
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
  if (!current) await acquireConnectionSlot(ctx, connection, principal.accountId);
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
