export { startAnvil, type AnvilInstance, type AnvilOptions } from './anvil.ts';
export { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION, type LocalAwsClientConfig } from './aws-local.ts';
export { detectContainerRuntime, type ContainerRuntimeAddress } from './container-runtime.ts';
export { startMoto, type MotoInstance } from './moto.ts';
export { connectDynamoDb, type DynamoDbTestInstance } from './dynamodb.ts';
export { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
export { defined } from './defined.ts';
export { TestServiceError, TestServiceErrorCode } from './errors.ts';
export { createPostgresDatabase, type PostgresOptions } from './postgres.ts';
export type { PostgresBackend, PostgresDatabase } from './postgres-database.ts';
export {
  connectRedis,
  deleteByPrefix,
  type RedisOptions,
  type RedisTestInstance,
} from './redis.ts';
export { startSqs, type SqsTestInstance } from './sqs.ts';
export { randomId, uniqueName } from './unique-name.ts';
export { freePort } from './free-port.ts';
export { webSocketUpgradeHead } from './websocket-upgrade.ts';
export { startNodeService, type NodeService, type NodeServiceOptions } from './node-service.ts';
export { waitFor, waitUntil, type WaitOptions } from '@perp/retry';
export {
  MACHINE,
  cpuBetween,
  sampleProcessCpu,
  type OwnProcesses,
  type ProcessCpu,
} from './process-cpu.ts';
export {
  DEFAULT_BOT_USERNAME,
  DEFAULT_STAND_IN_TOKEN,
  startTelegramStandIn,
  type BotApiCallRecord,
  type CommandsQuery,
  type StandInInfo,
  type TelegramStandIn,
  type TelegramStandInControl,
  type TelegramStandInOptions,
} from './telegram/telegram-stand-in.ts';
export type {
  CallbackAnswerRecord,
  ChatLogEntry,
  MessageVersion,
  PressButtonInput,
  SentMessageRecord,
  StandInEvent,
  UserSaysInput,
} from './telegram/stand-in-state.ts';
export type { FailNextOptions } from './telegram/fault-injection.ts';
export { TELEGRAM_RATE_LIMITS, type RateLimits } from './telegram/rate-limiter.ts';
export {
  connectTelegramStandIn,
  type TelegramStandInRemote,
} from './telegram/telegram-stand-in-client.ts';
export { parseTelegramHtml, formatMessageText } from './telegram/html-entities.ts';
export type {
  BotCommand as TelegramBotCommand,
  CallbackQuery as TelegramCallbackQuery,
  Chat as TelegramChat,
  ChatMemberUpdated as TelegramChatMemberUpdated,
  InlineKeyboardMarkup as TelegramInlineKeyboardMarkup,
  Message as TelegramMessage,
  MessageEntity as TelegramMessageEntity,
  Update as TelegramUpdate,
  User as TelegramUser,
} from './telegram/bot-api-types.ts';
export { startWebChat, type WebChat, type WebChatOptions } from './telegram/web-chat.ts';
