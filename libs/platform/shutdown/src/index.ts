export {
  DEFAULT_SHUTDOWN_DEADLINE_MS,
  GracefulShutdown,
  type GracefulShutdownOptions,
  type ShutdownLogger,
} from './graceful-shutdown.ts';
export { onFatal, type FatalEvent, type FatalLogger } from './on-fatal.ts';
