import { z } from 'zod';

// Parsers for environment variables. Every variable arrives as a string (or not at all); these
// turn it into a typed value or a message that says what was expected.

export const str = () => z.string().trim().min(1, 'must not be empty');

export const int = (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, 'must be an integer')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

export const port = () => int(0, 65_535);

export const bool = () =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const url = (protocols?: readonly string[]) =>
  z
    .string()
    .trim()
    // abort: zod runs later refinements after a failed one, and `new URL` would throw on it.
    .refine((value) => URL.canParse(value), { error: 'must be a URL', abort: true })
    .refine(
      (value) => !protocols || protocols.includes(new URL(value).protocol.replace(/:$/, '')),
      `must use ${protocols?.join(' or ')}`,
    );

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

export const list = () =>
  z.string().transform((v) =>
    v
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

/** Exact decimal as a string (money, prices): never parsed into a float. */
export const decimal = () =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number');

/**
 * JSON text validated by `schema` (structured settings such as a list of venue accounts). Its
 * problems name their place in it; the text itself is never echoed (it may be long, and a value
 * pasted into the wrong place may be a secret).
 */
export function json<T extends z.ZodType>(schema: T, fallback?: z.output<T>) {
  const parsed = z
    .string()
    .trim()
    .transform((text, context): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        context.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
  // The marker goes on the outermost schema: loadConfig reads it there.
  return (fallback === undefined ? parsed : parsed.default(fallback as never)).meta({
    echo: false,
  });
}
