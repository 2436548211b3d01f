import type { z } from 'zod';
import { ConfigError } from './config-error.ts';

export type EnvSchema = Record<string, z.ZodType<unknown, string | undefined>>;
export type Config<S extends EnvSchema> = Readonly<{ [K in keyof S]: z.output<S[K]> }>;

const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|API_KEY|CREDENTIAL|MNEMONIC/i;

/**
 * Reads and validates the variables `schema` names from `source` (process.env by default), once.
 * Every problem is reported at once, each naming its variable; values of secret-looking variables
 * are never echoed. The result is frozen.
 */
export function loadConfig<S extends EnvSchema>(
  schema: S,
  source: Readonly<Record<string, string | undefined>> = process.env,
): Config<S> {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, parser] of Object.entries(schema)) {
    const raw = source[name];
    const value = raw === '' ? undefined : raw;
    const result = parser.safeParse(value);
    if (result.success) {
      config[name] = result.data;
      continue;
    }
    if (value === undefined) {
      problems.push(`${name} is missing`);
      continue;
    }
    const reason = result.error.issues
      .map((issue) =>
        issue.path.length > 0 ? `at ${issue.path.join('.')}: ${issue.message}` : issue.message,
      )
      .join('; ');
    const echo = SECRET_NAME.test(name) ? false : (parser.meta()?.['echo'] ?? true);
    const shown = echo ? ` (got "${value}")` : '';
    problems.push(`${name} ${reason}${shown}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config) as Config<S>;
}

/**
 * For `main.ts`: the value of `load` (a config loader with checks of its own), or, when it throws
 * ConfigError, what is wrong on stderr and exit with EX_CONFIG (78).
 */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
}

/** For `main.ts`: load the config or print what is wrong and exit with EX_CONFIG (78). */
export function loadConfigOrExit<S extends EnvSchema>(
  schema: S,
  source: Readonly<Record<string, string | undefined>> = process.env,
): Config<S> {
  return configOrExit(() => loadConfig(schema, source));
}
