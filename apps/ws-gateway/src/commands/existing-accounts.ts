import type { TradingReads } from '@perp/account-views';
import type { AccountId } from '@perp/trading-domain';
import { failures } from '../rpc/rpc-failure.ts';

/**
 * Accounts this gateway has seen exist. Accounts are never deleted, so once seen an account
 * needs no DynamoDB read per order.place to prove it exists. Bounded: past `capacity` it starts
 * over (a few reads again), which keeps a flood of made-up account ids from growing it.
 */
export class ExistingAccounts {
  readonly #accounts = new Set<string>();
  readonly #capacity: number;

  constructor(capacity = 100_000) {
    this.#capacity = capacity;
  }

  has(accountId: string): boolean {
    return this.#accounts.has(accountId);
  }

  add(accountId: string): void {
    if (this.#accounts.size >= this.#capacity) this.#accounts.clear();
    this.#accounts.add(accountId);
  }
}

/**
 * 10002 unless the caller's trading account exists (ws-api.md: a login without one may not trade
 * or read an account). Known accounts cost nothing; others one read of their balance.
 */
export async function requireTradingAccount(
  ctx: {
    readonly existingAccounts: ExistingAccounts;
    readonly store: Pick<TradingReads, 'getBalance'>;
  },
  accountId: AccountId,
): Promise<void> {
  if (ctx.existingAccounts.has(accountId)) return;
  if (!(await ctx.store.getBalance(accountId))) throw failures.noTradingAccount();
  ctx.existingAccounts.add(accountId);
}
