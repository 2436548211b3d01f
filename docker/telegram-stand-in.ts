// docker-compose's `telegram` service: the local Bot API stand-in `npm start` runs (the notifier
// talks to it, with its fixed local-only token) and the web chat page to talk to the bot.
// Only node:http inside: the files are imported directly, not @perp/test-services (test-only deps).
// Bot API on :8081, web chat on :8080. For the real Telegram, set TELEGRAM_API_ROOT and
// TELEGRAM_BOT_TOKEN for the notifier instead; this service is then unused.
import { startTelegramStandIn } from '../libs/platform/test-services/src/telegram/telegram-stand-in.ts';
import { startWebChat } from '../libs/platform/test-services/src/telegram/web-chat.ts';

const host = process.env['TELEGRAM_STAND_IN_HOST'] ?? '0.0.0.0';
const standIn = await startTelegramStandIn({
  host,
  port: Number(process.env['TELEGRAM_STAND_IN_PORT'] ?? 8081),
});
const webChat = await startWebChat({
  standIn,
  host,
  port: Number(process.env['WEB_CHAT_PORT'] ?? 8080),
});
console.log(`Bot API stand-in ${standIn.apiRoot}, web chat ${webChat.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void Promise.allSettled([webChat.stop(), standIn.stop()]).then(() => process.exit(0));
  });
