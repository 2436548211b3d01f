import type { AccountReaders } from '@perp/account-views';
import { createServiceHttp } from '@perp/http';
import type { Logger } from '@perp/logger';
import { redisKeyspace } from '@perp/redis-adapter';
import type { UserFromGetMe } from 'grammy/types';
import type { Redis } from 'ioredis';
import { sql, type Kysely } from 'kysely';
import { registerInternalApi } from './api/internal-api.ts';
import { createBot } from './bot/create-bot.ts';
import { Poller } from './bot/poller.ts';
import { BOT_COMMANDS } from './bot/texts.ts';
import type { NotifierConfig } from './config.ts';
import type { NotifierDatabase } from './db/schema.ts';
import { ChatPacer } from './delivery/chat-pacer.ts';
import { OutboxSender, type TelegramMessages } from './delivery/outbox-sender.ts';
import { telegramMessages } from './delivery/telegram-messages.ts';
import { ReportConsumer } from './events/report-consumer.ts';
import { createNotifierMetrics } from './metrics.ts';
import { NotifierSingleton } from './singleton.ts';
import { followedAccounts } from './store/account-links.ts';
import { enqueueNotification, outboxDepth } from './store/outbox.ts';

export interface NotifierDeps {
  readonly config: NotifierConfig;
  readonly db: Kysely<NotifierDatabase>;
  /** For the events stream: XREADGROUP BLOCK holds the connection. */
  readonly streamRedis: Redis;
  /** For the singleton's lease (renewals must not wait behind a blocked read). */
  readonly redis: Redis;
  /** This replica's name in the lease. */
  readonly replicaId: string;
  readonly logger: Logger;
  /** The bot as getMe described it (main asks once at start). */
  readonly botInfo: UserFromGetMe;
  readonly telegram?: TelegramMessages;
  /** The accounts' reads for /status and the rest (main builds them on DynamoDB and the venue). */
  readonly accounts?: AccountReaders;
  readonly clock?: () => number;
  readonly onFatal: (error: Error) => void;
}

/** Builds the notifier without starting anything: start() polls, sends and consumes. */
export function buildNotifier(deps: NotifierDeps) {
  const { config, db, logger } = deps;
  const clock = deps.clock ?? Date.now;
  const metrics = createNotifierMetrics(() => outboxDepth(db, new Date(clock())));
  const pacer = new ChatPacer(config.NOTIFIER_CHAT_INTERVAL_MS, clock);
  const sender = new OutboxSender({
    db,
    telegram:
      deps.telegram ?? telegramMessages(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_API_ROOT),
    logger: logger.child({ component: 'sender' }),
    metrics: metrics.sender,
    globalPerSecond: config.NOTIFIER_MESSAGES_PER_SECOND,
    pacer,
    clock,
  });
  const bot = createBot(
    { token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, botInfo: deps.botInfo },
    {
      db,
      logger: logger.child({ component: 'bot' }),
      clock,
      pacer,
      ...(deps.accounts ? { accounts: deps.accounts } : {}),
      onChatGone: () => sender.wake(),
    },
  );
  const poller = new Poller(bot, logger.child({ component: 'poller' }), deps.onFatal);
  const consumer = new ReportConsumer({
    redis: deps.streamRedis,
    stream: redisKeyspace(config.REDIS_KEY_PREFIX).events,
    group: config.NOTIFIER_EVENTS_GROUP,
    consumer: config.NOTIFIER_CONSUMER_NAME,
    enqueue: async (entry) => {
      const queued = await enqueueNotification(db, entry);
      if (queued > 0) sender.wake();
      return queued;
    },
    followedAccounts: () => followedAccounts(db),
    logger: logger.child({ component: 'events' }),
    metrics: metrics.events,
  });
  // Only the lease holder polls, consumes and sends; every replica serves the internal API.
  const singleton = new NotifierSingleton({
    redis: deps.redis,
    keys: redisKeyspace(config.REDIS_KEY_PREFIX),
    name: config.NOTIFIER_LEASE_NAME,
    owner: deps.replicaId,
    ttlMs: config.NOTIFIER_LEASE_TTL_MS,
    intervalMs: config.NOTIFIER_LEASE_INTERVAL_MS,
    logger: logger.child({ component: 'singleton' }),
    work: {
      async start() {
        await bot.api.deleteWebhook();
        await consumer.start();
        sender.start();
        poller.start();
      },
      async stop() {
        await poller.stop();
        await consumer.stop();
        await sender.stop();
      },
    },
  });
  let draining = false;
  const http = createServiceHttp({
    service: 'notifier',
    logger,
    registry: metrics.registry,
    readiness: {
      postgres: () => sql`select 1`.execute(db),
      redis: () => deps.streamRedis.ping(),
    },
    isDraining: () => draining,
    health: () => ({
      role: singleton.role,
      bot: deps.botInfo.username,
      polling: poller.state,
    }),
  });
  registerInternalApi(http, {
    db,
    apiToken: config.NOTIFIER_API_TOKEN,
    botUsername: deps.botInfo.username,
    metrics,
    clock,
    onQueued: () => sender.wake(),
  });

  return {
    http,
    bot,
    poller,
    sender,
    consumer,
    metrics,
    singleton,
    async start(): Promise<void> {
      await bot.api.setMyCommands([...BOT_COMMANDS]);
      singleton.start();
    },
    async stop(): Promise<void> {
      draining = true;
      await singleton.stop();
    },
  };
}

export type Notifier = ReturnType<typeof buildNotifier>;
