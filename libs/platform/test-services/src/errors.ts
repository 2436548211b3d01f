/** Stable codes, so callers and CI logs can tell why a backing service is missing. */
export const TestServiceErrorCode = {
  RedisUnavailable: 'TEST_SERVICES_REDIS_UNAVAILABLE',
  PostgresUnavailable: 'TEST_SERVICES_POSTGRES_UNAVAILABLE',
  DynamoDbStartFailed: 'TEST_SERVICES_DYNAMODB_START_FAILED',
  AnvilNotFound: 'TEST_SERVICES_ANVIL_NOT_FOUND',
  AnvilStartFailed: 'TEST_SERVICES_ANVIL_START_FAILED',
  MotoNotFound: 'TEST_SERVICES_MOTO_NOT_FOUND',
  MotoStartFailed: 'TEST_SERVICES_MOTO_START_FAILED',
  ContainerRuntimeMissing: 'TEST_SERVICES_CONTAINER_RUNTIME_MISSING',
  /** A Telegram stand-in control call that no real user could make (pressing a missing button…). */
  TelegramControlInvalid: 'TEST_SERVICES_TELEGRAM_CONTROL_INVALID',
} as const;

export type TestServiceErrorCode = (typeof TestServiceErrorCode)[keyof typeof TestServiceErrorCode];

/** A backing service for tests could not be provided. The message says how to fix it. */
export class TestServiceError extends Error {
  readonly code: TestServiceErrorCode;

  constructor(code: TestServiceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TestServiceError';
    this.code = code;
  }
}
