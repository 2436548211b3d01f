import { decimal, int, loadConfigOrExit, oneOf, port, str } from '@perp/config';
import { z } from 'zod';
import { parseInstrumentList } from './instruments.ts';

const instrumentList = () =>
  z.string().transform((text, ctx) => {
    try {
      return parseInstrumentList(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

/** A fraction such as a fee rate: a decimal strictly between -1 and 1. */
const rate = () =>
  decimal().refine((text) => /^-?0(\.\d+)?$/.test(text), 'must be between -1 and 1');

export const SIM_VENUE_ENV = {
  SIM_VENUE_HOST: str().default('127.0.0.1'),
  SIM_VENUE_PORT: port().default(9100),
  /** Journal location; relative to the working directory. */
  SIM_VENUE_DATA_DIR: str().default('.local/sim-venue'),
  /** Comma-separated SYMBOL or SYMBOL:TICK:LOT:START. */
  SIM_VENUE_SYMBOLS: instrumentList().default(parseInstrumentList('BTC-PERP,ETH-PERP')),
  SIM_VENUE_SEED: int(0, 2 ** 32 - 1).default(1),
  /** Largest relative index move per step; each step is uniform in ±volatility. */
  SIM_VENUE_VOLATILITY: rate()
    .refine((text) => !text.startsWith('-'), 'must not be negative')
    .default('0.0002'),
  SIM_VENUE_INDEX_INTERVAL_MS: int(10, 3_600_000).default(1_000),
  SIM_VENUE_MAKER_FEE_RATE: rate().default('0.0002'),
  SIM_VENUE_TAKER_FEE_RATE: rate().default('0.0005'),
  /** Private events kept in memory for resuming clients; older ones are rebuilt from the journal. */
  SIM_VENUE_EVENT_BUFFER: int(1, 10_000_000).default(100_000),
  SIM_VENUE_HEARTBEAT_MS: int(100, 60_000).default(5_000),
  LOG_LEVEL: oneOf(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
};

export function readSimVenueConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
) {
  return loadConfigOrExit(SIM_VENUE_ENV, env);
}

export type SimVenueConfig = ReturnType<typeof readSimVenueConfig>;
