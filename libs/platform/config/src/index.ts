export { ConfigError } from './config-error.ts';
export {
  configOrExit,
  loadConfig,
  loadConfigOrExit,
  type Config,
  type EnvSchema,
} from './load-config.ts';
export { bool, decimal, int, json, list, oneOf, port, str, url } from './env-vars.ts';
