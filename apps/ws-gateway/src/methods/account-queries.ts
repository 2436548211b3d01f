import { failures } from '../rpc/rpc-failure.ts';
import { LIST_LIMIT_DEFAULT, wireFill } from '@perp/contracts';
import { readAccountSnapshot, readPositions, type AccountReaders } from '@perp/account-views';
import type { MethodHandler } from '../rpc/method-handler.ts';

/** fills.list: newest first, `before` exclusive (ms), at most `limit`. */
export const fillsList: MethodHandler<'fills.list', Pick<AccountReaders, 'store'>> = async (
  ctx,
  { params, caller },
) => {
  const fills = await ctx.store.listFills(caller.accountId, {
    ...(params.symbol === undefined ? {} : { symbol: params.symbol }),
    limit: params.limit ?? LIST_LIMIT_DEFAULT,
    ...(params.before === undefined ? {} : { before: params.before }),
  });
  return fills.map(wireFill);
};

/** positions.list: every position the account has had, valued at the venue's mark. */
export const positionsList: MethodHandler<'positions.list', AccountReaders> = (ctx, { caller }) =>
  readPositions(ctx, caller.accountId);

/** account.get: balances and margin at the venue's marks, and the strictest trading state. */
export const accountGet: MethodHandler<'account.get', AccountReaders> = async (ctx, { caller }) => {
  const snapshot = await readAccountSnapshot(ctx, caller.accountId);
  if (!snapshot) throw failures.noTradingAccount();
  return snapshot;
};
