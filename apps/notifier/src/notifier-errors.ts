// The notifier's error catalogue: stable codes for logs, answers and alarms.
export const NotifierErrorCodes = {
  MigrationFailed: 'NOTIFIER_MIGRATION_FAILED',
  SchemaBehind: 'NOTIFIER_SCHEMA_BEHIND',
  // The internal API's answers.
  Unauthorized: 'NOTIFIER_UNAUTHORIZED',
  InvalidRequest: 'NOTIFIER_INVALID_REQUEST',
  Unavailable: 'NOTIFIER_UNAVAILABLE',
} as const;
export type NotifierErrorCode = (typeof NotifierErrorCodes)[keyof typeof NotifierErrorCodes];

/** Stops the service or the command: retrying does not help until someone acts. */
export class NotifierError extends Error {
  readonly code: NotifierErrorCode;

  constructor(code: NotifierErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotifierError';
    this.code = code;
  }
}
