// Every Redis key and channel of the platform, in one place. Per-account keys share a hash tag
// ({accountId}) so that a script touching one account's keys stays in one cluster slot.

export interface RedisKeyspace {
  /** Live fan-out of one account's execution reports and private updates. */
  accountChannel(accountId: string): string;
  /** Pattern matching every account channel (for gateways that hold many accounts). */
  readonly accountChannelPattern: string;
  /** Replay stream of one account's execution reports; entry ids are `<seq>-0`. */
  accountReports(accountId: string): string;
  /** The platform-wide event stream read by other services through consumer groups. */
  readonly events: string;
  lease(name: string): string;
  fencingCounter(name: string): string;
  mark(symbol: string): string;
  /** The margin warning last delivered to an account (its band and time), for the cool-down. */
  marginWarning(accountId: string): string;
  /** A margin warning not yet confirmed by the notifier, kept with its dedupe key for the next run. */
  marginWarningPending(accountId: string): string;
}

export function redisKeyspace(prefix = 'perp:'): RedisKeyspace {
  return {
    accountChannel: (accountId) => `${prefix}account:{${accountId}}:updates`,
    accountChannelPattern: `${prefix}account:*:updates`,
    accountReports: (accountId) => `${prefix}account:{${accountId}}:reports`,
    events: `${prefix}events`,
    lease: (name) => `${prefix}lease:{${name}}`,
    fencingCounter: (name) => `${prefix}lease:{${name}}:fencing`,
    mark: (symbol) => `${prefix}mark:${symbol}`,
    marginWarning: (accountId) => `${prefix}margin-call:{${accountId}}:warned`,
    marginWarningPending: (accountId) => `${prefix}margin-call:{${accountId}}:pending`,
  };
}
