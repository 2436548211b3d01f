import type { z } from 'zod';

// Short human reasons for zod's built-in issues, phrased to follow the field name
// ("price is required", "limit must be at most 1000"). Used as the per-parse error map when
// params are validated; a schema's own message, where it has one, still wins.

const article: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  record: 'an object',
  tuple: 'an array',
  null: 'null',
  literal: 'a fixed value',
};

const list = (values: readonly unknown[]) =>
  values.map((value) => JSON.stringify(value)).join(', ');

const count = (bound: unknown, noun: string) => `${String(bound)} ${noun}${bound === 1 ? '' : 's'}`;

function sizeReason(
  issue: { origin?: string; inclusive?: boolean },
  bound: unknown,
  least: boolean,
): string {
  const word = least ? 'at least' : 'at most';
  switch (issue.origin) {
    case 'string':
      return `must be ${word} ${count(bound, 'character')} long`;
    case 'array':
    case 'set':
      return `must have ${word} ${count(bound, 'item')}`;
    default:
      if (issue.inclusive === false)
        return `must be ${least ? 'greater' : 'less'} than ${String(bound)}`;
      return `must be ${word} ${String(bound)}`;
  }
}

export const paramsIssueReason: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${article[issue.expected] ?? issue.expected}`;
    case 'unrecognized_keys':
      return 'is not a known field';
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${list(issue.values)}`
        : `must be one of ${list(issue.values)}`;
    case 'too_small':
      return sizeReason(issue, issue.minimum, true);
    case 'too_big':
      return sizeReason(issue, issue.maximum, false);
    case 'invalid_union': {
      const options = (issue as { options?: readonly unknown[] }).options;
      if (options) return `must be one of ${list(options)}`;
      return 'does not match any accepted form';
    }
    case 'invalid_format':
      return 'has an invalid format';
    default:
      return undefined;
  }
};
