export {
  DEFAULT_URL,
  parseCommandLine,
  USAGE,
  UsageError,
  type Command,
  type Invocation,
} from './args.ts';
