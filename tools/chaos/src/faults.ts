// The faults, each a function that breaks one thing and repairs it. Each runs while the order load
// runs; the audit afterwards says whether anything acknowledged was lost or applied twice.
import { sleep, type ChaosPlatform } from './chaos-platform.ts';
import { MARKET_MAKER_ACCOUNT } from '@perp/demo-seed';
import type { AccountId } from '@perp/trading-domain';
import { PASS, type FaultProxy } from './fault-proxy.ts';

export interface Fault {
  readonly name: string;
  /** What the suite expects and docs/reliability.md explains. */
  readonly expectation: string;
  /** Breaks, waits, repairs; resolves once repaired. */
  inject(platform: ChaosPlatform): Promise<void>;
  /** An answer code the load must have seen while the fault lasted (its fingerprint), if any. */
  readonly fingerprint?: string;
  /** What else must hold once it is repaired; each problem found, described. */
  check?(platform: ChaosPlatform): Promise<string[]>;
}

// The bot quotes 5 levels a side on each of 2 books: 20 orders. Two instances quoting at once
// (a lease not respected, or a dead one's quotes left behind) would show about twice that; a
// requote in progress adds a few for a moment.
const MARKET_MAKER_QUOTES = 20;

/** The market maker's lease lives in Redis: after a restart the bot must hold it and quote again. */
async function leasesTakenAgain(platform: ChaosPlatform): Promise<string[]> {
  try {
    await platform.untilQuoting(30_000);
    return [];
  } catch (error) {
    return [`the market maker did not take its lease again: ${(error as Error).message}`];
  }
}

/** After its restart the bot polls Telegram again and answers a user. */
async function botAnswersAgain(platform: ChaosPlatform): Promise<string[]> {
  const userId = 700_000 + Math.floor(Math.random() * 100_000);
  platform.telegram.userSays({ userId, text: '/help' });
  try {
    await platform.telegram.waitForMessage((message) => message.chatId === userId, 30_000);
    return [];
  } catch (error) {
    return [`the notifier did not answer /help after its restart: ${(error as Error).message}`];
  }
}

async function marketMakerQuotesOnce(platform: ChaosPlatform): Promise<string[]> {
  await sleep(3_000);
  const open = await platform.backing.store.listOpenOrders(
    MARKET_MAKER_ACCOUNT.accountId as AccountId,
  );
  return open.length > MARKET_MAKER_QUOTES * 1.5
    ? [
        `the market maker has ${open.length} open orders, more than one instance's ${MARKET_MAKER_QUOTES}`,
      ]
    : [];
}

async function outage(proxy: FaultProxy, ms: number): Promise<void> {
  proxy.set({ kind: 'down' });
  await sleep(ms);
  proxy.set(PASS);
}

async function slowness(proxy: FaultProxy, latencyMs: number, ms: number): Promise<void> {
  proxy.set({ kind: 'slow', latencyMs });
  await sleep(ms);
  proxy.set(PASS);
}

export const FAULTS: readonly Fault[] = [
  {
    name: 'redis restarted',
    expectation:
      'reports resume by seq after the reconnect; leases taken again; rate limits fail safe',
    inject: (platform) => platform.redis.restart(2_000),
    check: leasesTakenAgain,
  },
  {
    name: 'dynamodb down 10 s',
    expectation: 'commands wait in the queue and are retried; none applied twice',
    inject: (platform) => outage(platform.proxies.dynamodb, 10_000),
  },
  {
    name: 'dynamodb slow (+150 ms)',
    expectation: 'slower, nothing lost',
    inject: (platform) => slowness(platform.proxies.dynamodb, 150, 10_000),
  },
  {
    name: 'sqs down 5 s',
    expectation: 'order.place answers 10007 (nothing queued, safe to retry) and recovers by itself',
    fingerprint: '10007',
    inject: (platform) => outage(platform.proxies.sqs, 5_000),
  },
  {
    name: 'venue down 5 s',
    expectation: 'orders stay in flight and are resolved by reconciliation, never guessed',
    inject: (platform) => outage(platform.proxies.venue, 5_000),
  },
  {
    name: 'venue slow (+1 s)',
    expectation: 'orders stay in flight until the venue answers',
    inject: (platform) => slowness(platform.proxies.venue, 1_000, 10_000),
  },
  {
    name: 'SIGKILL gateway',
    expectation: 'clients reconnect and resume by seq; retried places answer the same ack',
    inject: (platform) => platform.kill('gateway', 500),
  },
  {
    name: 'SIGKILL oms',
    expectation: 'the queue redelivers what it held; exactly-once commit makes the retry a no-op',
    inject: (platform) => platform.kill('oms', 500),
  },
  {
    name: 'SIGKILL market maker',
    expectation:
      'its socket drops, so cancel-on-disconnect pulls its quotes; the new process takes the lease and quotes once',
    inject: (platform) => platform.kill('market-maker', 500),
    check: marketMakerQuotesOnce,
  },
  {
    name: 'SIGKILL notifier',
    expectation: 'a restarted bot takes its lease again and answers; trading never waits for it',
    inject: (platform) => platform.kill('notifier', 500),
    check: botAnswersAgain,
  },
  {
    name: 'SIGKILL sim-venue',
    expectation: 'its journal brings its books back; reconciliation settles what was in flight',
    inject: (platform) => platform.kill('sim-venue', 500),
  },
];
