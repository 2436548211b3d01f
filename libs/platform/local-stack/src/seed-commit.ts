import { randomBytes } from 'node:crypto';
import type { CommandId } from '@perp/trading-domain';
import type { TradingChange, TradingStore } from '@perp/trading-store';

/** A change written straight to the trading store, as seeded state for a test (no OMS involved). */
export type SeedChange = Omit<TradingChange, 'command'>;

/**
 * Commits `change` under a command record of its own, as the OMS would record it: balances,
 * orders, fills and positions a test needs before it starts. Throws on a version conflict.
 */
export async function commitSeed(store: TradingStore, change: SeedChange): Promise<void> {
  const outcome = await store.commit({
    ...change,
    command: {
      commandId: `seed-${randomBytes(8).toString('hex')}` as CommandId,
      accountId: change.accountId,
      // Seeds stand for an operator's setup; the type only labels the record.
      commandType: 'admin.account.create',
      reports: [],
      processedAt: Date.now(),
    },
  } as TradingChange);
  if (!outcome.committed) throw new Error(`seeding failed: ${outcome.conflict}`);
}
