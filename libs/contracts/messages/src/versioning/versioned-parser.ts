import type { z } from 'zod';
import {
  MessageParseError,
  MessageParseErrorCode,
  type MessageIssue,
  type MessageParseErrorDetails,
} from './message-parse-error.ts';

export type ParseOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: MessageParseError };

export interface VersionedMessage<T> {
  /** Stable name, also the JSON Schema name. */
  readonly name: string;
  /** Schema per supported version; every message carries a `version` that selects one. */
  readonly versions: Readonly<Record<number, z.ZodType<T>>>;
  /** For discriminated messages: the field and its known values, so an unknown one gets UNKNOWN_TYPE. */
  readonly discriminator?: { readonly key: string; readonly values: readonly string[] };
}

export interface MessageParser<T> {
  /** The typed message, or a thrown MessageParseError. */
  parse(input: unknown): T;
  /** The typed message or the MessageParseError, without throwing. */
  safeParse(input: unknown): ParseOutcome<T>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Longest seen string quoted in an error message. */
const SHOWN_MAX = 64;

/**
 * How a seen `version` or `type` is named in the error. Never JSON.stringify of the input itself:
 * a deeply nested array overflows the stack there and safeParse would throw.
 */
function show(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > SHOWN_MAX ? `${value.slice(0, SHOWN_MAX)}…` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

/**
 * Checks in order, stopping at the first failure: an object; a supported `version` (an unknown
 * version is refused before anything else is read, never half-parsed); a known `type`; the full
 * schema of that version.
 */
export function versionedParser<T>(spec: VersionedMessage<T>): MessageParser<T> {
  const supportedVersions = Object.keys(spec.versions).map(Number);
  const fail = (
    message: string,
    details: Omit<MessageParseErrorDetails, 'messageName' | 'supportedVersions'>,
  ) =>
    ({
      ok: false,
      error: new MessageParseError(`${spec.name}: ${message}`, {
        ...details,
        messageName: spec.name,
        supportedVersions,
      }),
    }) as const;

  const safeParse = (input: unknown): ParseOutcome<T> => {
    if (!isRecord(input)) {
      return fail('must be a JSON object', {
        code: MessageParseErrorCode.InvalidMessage,
        issues: [{ path: '', message: 'must be an object' }],
      });
    }
    const version = input['version'];
    if (version === undefined) {
      return fail('version is missing', {
        code: MessageParseErrorCode.InvalidMessage,
        issues: [{ path: 'version', message: 'is required' }],
      });
    }
    const schema = typeof version === 'number' ? spec.versions[version] : undefined;
    if (schema === undefined) {
      return fail(
        `version ${show(version)} is not supported (supported: ${supportedVersions.join(', ')})`,
        {
          code: MessageParseErrorCode.UnsupportedVersion,
          versionSeen: version,
          issues: [{ path: 'version', message: `must be one of ${supportedVersions.join(', ')}` }],
        },
      );
    }
    if (spec.discriminator) {
      const { key, values } = spec.discriminator;
      const seen = input[key];
      if (seen === undefined) {
        return fail(`${key} is missing`, {
          code: MessageParseErrorCode.InvalidMessage,
          versionSeen: version,
          issues: [{ path: key, message: 'is required' }],
        });
      }
      if (typeof seen !== 'string' || !values.includes(seen)) {
        return fail(`${key} ${show(seen)} is unknown (known: ${values.join(', ')})`, {
          code: MessageParseErrorCode.UnknownType,
          versionSeen: version,
          typeSeen: seen,
          issues: [{ path: key, message: `must be one of ${values.join(', ')}` }],
        });
      }
    }
    const result = schema.safeParse(input);
    if (result.success) return { ok: true, value: result.data };
    const issues: MessageIssue[] = result.error.issues.map((issue) => {
      const path = issue.path.map(String);
      if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined)
        path.push(issue.keys[0]);
      return { path: path.join('.'), message: issue.message };
    });
    const first = issues[0];
    const where = first
      ? first.path === ''
        ? first.message
        : `${first.path}: ${first.message}`
      : 'invalid';
    return fail(`invalid at ${where}`, {
      code: MessageParseErrorCode.InvalidMessage,
      versionSeen: version,
      issues,
    });
  };

  return {
    safeParse,
    parse(input) {
      const outcome = safeParse(input);
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    },
  };
}
