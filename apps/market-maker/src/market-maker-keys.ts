// The market maker's own Redis keys (the lease's are the platform keyspace's). Hash-tagged by the
// bot's name so they share one cluster slot.
export interface MarketMakerKeys {
  /** The kill switch's verdict: survives a restart and a failover, until an operator resumes. */
  halt(name: string): string;
  /** Equity when the UTC day `day` began, the daily-loss baseline. */
  dayStartEquity(name: string, day: string): string;
}

export function marketMakerKeys(prefix = 'perp:'): MarketMakerKeys {
  return {
    halt: (name) => `${prefix}market-maker:{${name}}:halt`,
    dayStartEquity: (name, day) => `${prefix}market-maker:{${name}}:day-start:${day}`,
  };
}
