// The local stack's demo data: the instruments (shared by the OMS's config table and the
// sim-venue, so their tick and lot sizes can never disagree) and the demo accounts.
import type { InstrumentText } from '@perp/trading-domain';

/** An instrument as the seed writes it (listed: status `trading`) and where its index starts. */
export interface InstrumentSeed extends Omit<InstrumentText, 'status'> {
  /** Where the simulated index price starts. */
  readonly startPrice: string;
}

export const SEED_INSTRUMENTS: readonly InstrumentSeed[] = [
  {
    symbol: 'BTC-PERP',
    baseAsset: 'BTC',
    quoteAsset: 'USD',
    tickSize: '0.5',
    lotSize: '0.001',
    minQuantity: '0.001',
    maxQuantity: '100',
    maxNotional: '5000000',
    initialMarginRate: '0.1',
    maintenanceMarginRate: '0.05',
    priceBandRate: '0.05',
    startPrice: '60000',
  },
  {
    symbol: 'ETH-PERP',
    baseAsset: 'ETH',
    quoteAsset: 'USD',
    tickSize: '0.05',
    lotSize: '0.01',
    minQuantity: '0.01',
    maxQuantity: '2000',
    maxNotional: '5000000',
    initialMarginRate: '0.1',
    maintenanceMarginRate: '0.05',
    priceBandRate: '0.05',
    startPrice: '3000',
  },
];

export const SEED_ACCOUNTS = [
  { accountId: 'alice', deposit: '100000' },
  { accountId: 'bob', deposit: '100000' },
] as const;

/** The operator account the seed's admin commands are issued as. */
export const SEED_OPERATOR = 'stack-seed';
