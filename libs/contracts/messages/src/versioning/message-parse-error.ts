/** Stable codes for a message that cannot be used; consumers branch on these, not on text. */
export const MessageParseErrorCode = {
  /** Not the expected shape; `path` says where. */
  InvalidMessage: 'INVALID_MESSAGE',
  /** A `version` this code does not know; nothing else was read. */
  UnsupportedVersion: 'UNSUPPORTED_VERSION',
  /** A `type` this code does not know (a newer producer, or a typo). */
  UnknownType: 'UNKNOWN_TYPE',
} as const;
export type MessageParseErrorCode =
  (typeof MessageParseErrorCode)[keyof typeof MessageParseErrorCode];

export interface MessageIssue {
  /** Dotted path from the message root ("payload.price"); "" for the message itself. */
  readonly path: string;
  readonly message: string;
}

export interface MessageParseErrorDetails {
  readonly code: MessageParseErrorCode;
  /** Which message was being parsed, e.g. "CommandEnvelope". */
  readonly messageName: string;
  readonly supportedVersions: readonly number[];
  readonly versionSeen?: unknown;
  readonly typeSeen?: unknown;
  readonly issues?: readonly MessageIssue[];
}

/**
 * Why a queue or event message was refused. Permanent for that message: retrying the same bytes
 * fails the same way, so consumers dead-letter it (and alert) rather than retry.
 */
export class MessageParseError extends Error {
  readonly code: MessageParseErrorCode;
  readonly messageName: string;
  readonly supportedVersions: readonly number[];
  readonly versionSeen: unknown;
  readonly typeSeen: unknown;
  readonly issues: readonly MessageIssue[];
  /** Path of the first issue; "" when the message as a whole is wrong. */
  readonly path: string;

  constructor(message: string, details: MessageParseErrorDetails) {
    super(message);
    this.name = 'MessageParseError';
    this.code = details.code;
    this.messageName = details.messageName;
    this.supportedVersions = details.supportedVersions;
    this.versionSeen = details.versionSeen;
    this.typeSeen = details.typeSeen;
    this.issues = details.issues ?? [];
    this.path = this.issues[0]?.path ?? '';
  }
}
