// Notifier benchmark: the notifier in this process against real PostgreSQL and Redis and the
// Telegram Bot API stand-in enforcing Telegram's limits (1 message/s per chat, burst 3; 30/s in
// all), fed as the OMS feeds it (ReportPublisher onto the events stream). Run:
//   npm run bench:notifier
// Phase 1, latency: fills at BENCH_FILL_RATE (50/s) spread over BENCH_CHATS (500) chats for
// BENCH_LATENCY_S (30 s); fill report published → sendMessage received by the stand-in, p50/p99.
// Phase 2, drain: BENCH_DRAIN_MESSAGES (10 000) pending over BENCH_DRAIN_CHATS (1 000) chats
// written while the sender is held, then released: the time to send them all, the rate against
// the 30/s limit, and the 429s drawn. Needs PostgreSQL and Redis.
import { bool, int, loadConfigOrExit } from '@perp/config';
import { Decimal } from '@perp/decimal';
import type { FillNotification } from '@perp/notifications';
import { waitFor } from '@perp/test-services';
import { issueLinkCode } from '../store/link-codes.ts';
import { enqueueNotification } from '../store/outbox.ts';
import { OmsReports } from '../test-support/fills.ts';
import { startNotifierHarness, type NotifierHarness } from '../test-support/harness.ts';

const env = loadConfigOrExit({
  BENCH_CHATS: int(1).default(500),
  BENCH_FILL_RATE: int(1).default(50),
  BENCH_LATENCY_S: int(1).default(30),
  BENCH_DRAIN_MESSAGES: int(1).default(10_000),
  BENCH_DRAIN_CHATS: int(1).default(1_000),
  BENCH_SKIP_DRAIN: bool().default(false),
});
const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

/** Links chats `first`…`first + count - 1` to accounts `bench-<n>`, each as a user would. */
async function linkChats(h: NotifierHarness, first: number, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const userId = first + i;
    const { code } = await issueLinkCode(h.database.db, `bench-${userId}`, new Date());
    h.telegram.userSays({ userId, firstName: `u${userId}`, text: `/start ${code}` });
    // 25 a second: the bot's answers stay under Telegram's 30/s (setup, not measured).
    await sleep(40);
  }
  // Every chat has its "Linked" answer (the stand-in paces the bot's replies too).
  await waitFor(
    () => {
      const linked = new Set(
        h.telegram
          .sentMessages()
          .filter((m) => m.chatId >= first && m.chatId < first + count && m.text.includes('Linked'))
          .map((m) => m.chatId),
      );
      return linked.size >= count ? true : undefined;
    },
    { timeoutMs: 600_000, intervalMs: 500, what: `${count} chats linked` },
  );
}

async function latencyPhase(h: NotifierHarness): Promise<void> {
  const first = 100_000;
  await linkChats(h, first, env.BENCH_CHATS);
  await sleep(2_000);
  const oms = new OmsReports(h.redis.client, h.redis.keyPrefix);
  const total = env.BENCH_FILL_RATE * env.BENCH_LATENCY_S;
  const publishedAt = new Map<string, number>();
  const startedAt = Date.now();
  for (let i = 0; i < total; i += 1) {
    const due = startedAt + (i * 1000) / env.BENCH_FILL_RATE;
    if (due > Date.now()) await sleep(due - Date.now());
    const account = `bench-${first + (i % env.BENCH_CHATS)}`;
    const tradeId = `lat-${i}`;
    publishedAt.set(`c-${tradeId}`, Date.now());
    await oms.fill(account, tradeId);
  }
  const publishS = (Date.now() - startedAt) / 1000;
  const received = () =>
    h.telegram.sentMessages().filter((m) => m.chatId >= first && m.text.includes('filled: BUY'));
  await waitFor(() => (received().length >= total ? true : undefined), {
    timeoutMs: 120_000,
    intervalMs: 200,
    what: `${total} fills delivered`,
  }).catch(() => undefined);
  const latencies: number[] = [];
  for (const message of received()) {
    const clientOrderId = /Order (c-lat-\d+):/.exec(message.text)?.[1];
    const at = clientOrderId && publishedAt.get(clientOrderId);
    if (at) latencies.push(message.at - at);
  }
  latencies.sort((a, b) => a - b);
  const rate429 = h.telegram.calls('sendMessage').filter((c) => c.status === 429).length;
  log('');
  log(
    `latency: ${total} fills over ${env.BENCH_CHATS} chats at ${env.BENCH_FILL_RATE}/s (published in ${publishS.toFixed(1)} s)`,
  );
  log(`  delivered           ${latencies.length} of ${total}`);
  log(
    `  fill → sendMessage  p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms (target p99 < 1000 ms)`,
  );
  log(`  429 answers so far  ${rate429}`);
}

async function drainPhase(h: NotifierHarness): Promise<void> {
  const first = 200_000;
  await linkChats(h, first, env.BENCH_DRAIN_CHATS);
  await sleep(2_000);
  const calls429Before = h.telegram.calls('sendMessage').filter((c) => c.status === 429).length;
  await h.notifier.sender.stop();
  const perChat = Math.ceil(env.BENCH_DRAIN_MESSAGES / env.BENCH_DRAIN_CHATS);
  let written = 0;
  const writeStarted = Date.now();
  // Round-robin over chats, as a burst of margin warnings would arrive.
  for (let round = 0; round < perChat && written < env.BENCH_DRAIN_MESSAGES; round += 1)
    for (let c = 0; c < env.BENCH_DRAIN_CHATS && written < env.BENCH_DRAIN_MESSAGES; c += 1) {
      const accountId = `bench-${first + c}`;
      const notification = {
        type: 'fill',
        accountId,
        orderId: `o-${round}`,
        clientOrderId: `c-drain-${round}-${c}`,
        symbol: 'BTC-PERP',
        side: 'buy',
        tradeId: `d-${round}`,
        price: Decimal.parse('60000.5'),
        quantity: Decimal.parse('0.1'),
        fee: Decimal.parse('0.03'),
        filledQuantity: Decimal.parse('0.1'),
        orderQuantity: Decimal.parse('1'),
        ts: Date.now(),
      } as FillNotification;
      await enqueueNotification(h.database.db, {
        accountId,
        dedupeKey: `drain:${round}`,
        notification,
      });
      written += 1;
    }
  log('');
  log(
    `drain: ${written} pending over ${env.BENCH_DRAIN_CHATS} chats (written in ${((Date.now() - writeStarted) / 1000).toFixed(1)} s)`,
  );
  const drained = () =>
    h.telegram.sentMessages().filter((m) => m.chatId >= first && m.text.includes('c-drain-'))
      .length;
  const startedAt = Date.now();
  h.notifier.sender.start();
  let lastLog = startedAt;
  while (drained() < written) {
    await sleep(250);
    if (Date.now() - lastLog >= 30_000) {
      lastLog = Date.now();
      log(`  ${drained()}/${written} after ${((lastLog - startedAt) / 1000).toFixed(0)} s`);
    }
    if (Date.now() - startedAt > 3_600_000) break;
  }
  const seconds = (Date.now() - startedAt) / 1000;
  const rate = drained() / seconds;
  const rate429 =
    h.telegram.calls('sendMessage').filter((c) => c.status === 429).length - calls429Before;
  log(`  sent                ${drained()} in ${seconds.toFixed(1)} s`);
  log(
    `  rate                ${rate.toFixed(2)} messages/s against the 30/s limit (${((rate / 30) * 100).toFixed(1)} %; target within 10 %)`,
  );
  log(`  429 answers         ${rate429}`);
}

const h = await startNotifierHarness({ config: { LOG_LEVEL: 'warn' } });
try {
  log(`notifier bench: Telegram's limits at the stand-in (1/s per chat, burst 3; 30/s in all)`);
  await latencyPhase(h);
  if (!env.BENCH_SKIP_DRAIN) await drainPhase(h);
} finally {
  await h.stop();
}
