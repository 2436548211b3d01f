import { depositCommandId } from '@perp/contracts';
import type { CommandId } from '@perp/trading-domain';
import type { CommandQueueing } from '../commands/command-queueing.ts';
import type { AccountReaders } from '@perp/account-views';
import { failures } from '../rpc/rpc-failure.ts';
import type { MethodCall, MethodHandler } from '../rpc/method-handler.ts';

/** Admin methods queue commands; a symbol's trading state needs the symbol in the catalog. */
type AdminContext = CommandQueueing & Pick<AccountReaders, 'instruments'>;

// Admin methods queue admin commands: `accountId` is the account acted on (its message group, so
// the change is ordered with its orders), `actorAccountId` the operator who asked (audit).

async function queueAdmin(
  ctx: CommandQueueing,
  call: MethodCall<'admin.account.create' | 'admin.deposit' | 'admin.tradingState.set'>,
  fields: { accountId: string; type: string; payload: object },
  commandId = ctx.newCommandId(),
): Promise<{ commandId: CommandId }> {
  const command = ctx.commands.build(
    { commandId, traceId: call.traceId, receivedAt: ctx.clock() },
    { ...fields, actorAccountId: call.caller.accountId, source: 'admin' },
  );
  await ctx.commands.send(command);
  call.log.info(
    { targetAccountId: fields.accountId, type: fields.type, commandId },
    'admin command queued',
  );
  return { commandId };
}

export const adminAccountCreate: MethodHandler<'admin.account.create', AdminContext> = (
  ctx,
  call,
) =>
  queueAdmin(ctx, call, {
    accountId: call.params.accountId,
    type: 'admin.account.create',
    payload: {},
  });

/** With a depositId the command id is derived from it: a retry is the same command, credited once. */
export const adminDeposit: MethodHandler<'admin.deposit', AdminContext> = (ctx, call) => {
  const { accountId, amount, depositId } = call.params;
  return queueAdmin(
    ctx,
    call,
    { accountId, type: 'admin.deposit', payload: { amount } },
    depositId === undefined ? ctx.newCommandId() : depositCommandId(accountId, depositId),
  );
};

/** Global and symbol states travel in the operator's own group; an account's in that account's. */
export const adminTradingStateSet: MethodHandler<'admin.tradingState.set', AdminContext> = async (
  ctx,
  call,
) => {
  const change = call.params;
  if (change.scope === 'symbol' && !(await ctx.instruments.get(change.target)))
    throw failures.unknownSymbol(change.target);
  return queueAdmin(ctx, call, {
    accountId: change.scope === 'account' ? change.target : call.caller.accountId,
    type: 'admin.tradingState.set',
    payload: change,
  });
};
