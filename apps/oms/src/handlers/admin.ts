import type {
  AdminAccountCreateCommand,
  AdminDepositCommand,
  AdminTradingStateSetCommand,
  TradingStateEvent,
} from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import { deposit as credit, openAccount } from '@perp/trading-domain';
import { commitAndPublish, storedChange } from '../commit.ts';
import type { OmsContext } from '../context.ts';

/** admin.account.create: a zero balance; creating an existing account changes nothing. */
export async function createAccount(
  ctx: OmsContext,
  command: AdminAccountCreateCommand,
): Promise<void> {
  const { accountId } = command;
  const now = ctx.clock();
  const existing = await ctx.store.getBalance(accountId);
  if (existing) {
    ctx.logger.info({ accountId, actor: command.actorAccountId }, 'account exists already');
    return;
  }
  await commitAndPublish(
    ctx,
    storedChange(command, { balance: { read: null, next: openAccount(accountId, now) } }, now),
  );
  ctx.logger.info({ accountId, actor: command.actorAccountId }, 'account created');
}

/** admin.deposit: credits collateral once per command, however often the command is delivered. */
export async function deposit(ctx: OmsContext, command: AdminDepositCommand): Promise<void> {
  const { accountId } = command;
  const balance = await ctx.store.getBalance(accountId);
  if (!balance) {
    ctx.logger.warn(
      { accountId, actor: command.actorAccountId },
      'deposit to an unknown account; ignored',
    );
    return;
  }
  const now = ctx.clock();
  const amount = Decimal.parse(command.payload.amount);
  const outcome = await commitAndPublish(
    ctx,
    storedChange(
      command,
      { balance: { read: balance, next: credit(balance.value, amount, now) } },
      now,
    ),
  );
  if (outcome === 'committed')
    ctx.logger.info(
      { accountId, amount: amount.toString(), actor: command.actorAccountId },
      'deposit credited',
    );
}

/** admin.tradingState.set: idempotent by nature (it sets, never toggles). */
export async function setTradingState(
  ctx: OmsContext,
  command: AdminTradingStateSetCommand,
): Promise<void> {
  const { scope, state } = command.payload;
  const target = command.payload.target;
  const ts = ctx.clock();
  await ctx.config.setTradingState(scope, target, state, ts);
  ctx.riskConfig.invalidate(); // at once here; other replicas within the cache's second
  // After the write: a crash between the two republishes on redelivery (the set is idempotent),
  // and consumers drop the repeat by its commandId.
  const event: TradingStateEvent = { ...command.payload, commandId: command.commandId, ts };
  await ctx.publisher.publishEvent('trading_state', event);
  ctx.logger.info({ scope, target, state, actor: command.actorAccountId }, 'trading state set');
}
