export {
  createLogger,
  defaultLogFormat,
  type LogFormat,
  type Logger,
  type LoggerConfig,
} from './create-logger.ts';
export { REDACTED, scrubSecrets } from './redaction.ts';
