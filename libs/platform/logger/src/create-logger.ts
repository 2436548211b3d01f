import {
  pino,
  stdSerializers,
  type DestinationStream,
  type Logger,
  type LoggerOptions,
} from 'pino';
import { REDACTED, redactPaths, scrubSecrets } from './redaction.ts';

export type LogFormat = 'json' | 'pretty';

export interface LoggerConfig {
  /** The service name, bound to every line. */
  readonly service: string;
  readonly level?: string;
  /** `pretty` for humans on a terminal, `json` for machines (the default in production). */
  readonly format?: LogFormat;
  /** More secret paths to redact, in pino's path syntax. */
  readonly redact?: readonly string[];
  /** Where lines go; stdout by default. Tests pass a stream to read what was logged. */
  readonly destination?: DestinationStream;
}

export function defaultLogFormat(
  env: Readonly<Record<string, string | undefined>> = process.env,
): LogFormat {
  if (env['LOG_FORMAT'] === 'json' || env['LOG_FORMAT'] === 'pretty') return env['LOG_FORMAT'];
  return env['NODE_ENV'] === 'production' || !process.stdout.isTTY ? 'json' : 'pretty';
}

// Callers pass whatever a catch gave them (a string, undefined, a plain object): those are logged
// as they are, strings scrubbed, instead of making the serializer throw and lose the line.
function errorSerializer(error: unknown): unknown {
  if (typeof error === 'string') return scrubSecrets(error);
  if (!(error instanceof Error)) return error;
  // Every string of the error and of what it carries (a wrapped fetch error quoting a URL, a cause).
  return scrubStrings(stdSerializers.err(error), 4);
}

function scrubStrings(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (depth === 0 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => scrubStrings(item, depth - 1));
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = scrubStrings(record[key], depth - 1);
  return record;
}

export function createLogger(config: LoggerConfig): Logger {
  const options: LoggerOptions = {
    level: config.level ?? 'info',
    base: { service: config.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths(config.redact), censor: REDACTED },
    serializers: { err: errorSerializer, error: errorSerializer },
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      // Secrets pasted into a message string are scrubbed too, not only structured fields.
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  if (config.destination) return pino(options, config.destination);
  if ((config.format ?? defaultLogFormat()) === 'pretty') {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,service' },
      },
    });
  }
  return pino(options);
}

export type { Logger };
