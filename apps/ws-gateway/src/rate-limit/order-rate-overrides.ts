import { str } from '@perp/config';
import { parseAccountId, type AccountId } from '@perp/trading-domain';

/** An account's order budget: tokens refilled per second, and the bucket's size. */
export interface OrderRate {
  readonly perSecond: number;
  readonly burst: number;
}

/** Accounts whose order budget differs from everyone else's. */
export type OrderRateOverrides = ReadonlyMap<AccountId, OrderRate>;

/** The same bounds as RATE_LIMIT_ACCOUNT_ORDERS_PER_SECOND and _BURST. */
export const ORDER_RATE_BOUNDS = { min: 1, max: 100_000 } as const;

export type OverridesParse =
  | { readonly ok: true; readonly value: OrderRateOverrides }
  | { readonly ok: false; readonly problems: readonly string[] };

const COUNT = /^\d+$/;

function count(text: string, name: 'perSecond' | 'burst'): number | string {
  if (!COUNT.test(text)) return `${name} "${text}" is not a whole number`;
  const value = Number(text);
  const { min, max } = ORDER_RATE_BOUNDS;
  if (value < min || value > max) return `${name} ${text} is not between ${min} and ${max}`;
  return value;
}

function parseEntry(entry: string): { accountId: AccountId; rate: OrderRate } | string {
  const parts = entry.split('=');
  if (parts.length !== 2) return 'expected accountId=perSecond[:burst]';
  const [account = '', rates = ''] = parts.map((part) => part.trim());
  const id = parseAccountId(account);
  if (!id.ok) return `account id "${account}": ${id.error.message}`;
  const numbers = rates.split(':').map((part) => part.trim());
  if (numbers.length > 2) return 'expected accountId=perSecond[:burst]';
  const [perSecondText = '', burstText] = numbers;
  const perSecond = count(perSecondText, 'perSecond');
  if (typeof perSecond === 'string') return perSecond;
  // Without a burst the bucket holds one second's worth.
  const burst = burstText === undefined ? perSecond : count(burstText, 'burst');
  if (typeof burst === 'string') return burst;
  return { accountId: id.value, rate: { perSecond, burst } };
}

/**
 * `accountId=perSecond[:burst],…` (burst defaults to perSecond), e.g. `mm=200:400,desk-1=50`.
 * Strict: an empty entry, a bad account id, a rate that is not a whole number in range, or an
 * account listed twice is a problem; every one is reported, each naming its entry.
 */
export function parseOrderRateOverrides(text: string): OverridesParse {
  const overrides = new Map<AccountId, OrderRate>();
  const problems: string[] = [];
  text.split(',').forEach((raw, index) => {
    const entry = raw.trim();
    if (entry === '') {
      problems.push(`entry ${index + 1} is empty`);
      return;
    }
    const parsed = parseEntry(entry);
    if (typeof parsed === 'string') problems.push(`entry "${entry}": ${parsed}`);
    else if (overrides.has(parsed.accountId))
      problems.push(`entry "${entry}": account ${parsed.accountId} is listed twice`);
    else overrides.set(parsed.accountId, parsed.rate);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: overrides };
}

/** The environment variable's parser for @perp/config: problems name the bad entries. */
export const orderRateOverrides = () =>
  str().transform((text, ctx): OrderRateOverrides => {
    const parsed = parseOrderRateOverrides(text);
    if (parsed.ok) return parsed.value;
    for (const message of parsed.problems) ctx.addIssue({ code: 'custom', message, input: text });
    return new Map();
  });
