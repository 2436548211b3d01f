export {
  GATEWAY_ORDER_RATE_OVERRIDES,
  MARKET_MAKER_ACCOUNT,
  MARKET_MAKER_ORDER_RATE,
  MARKET_MAKER_STACK_SETTINGS,
  SEED_ACCOUNTS,
  SEED_INSTRUMENTS,
  SEED_OPERATOR,
  TEST_INSTRUMENTS,
  listedInstrument,
  simVenueSymbols,
  type InstrumentSeed,
} from './seed-data.ts';
export {
  SEEDED_ACCOUNTS,
  seedAccounts,
  seedInstruments,
  waitForSeededAccounts,
  type SeedTargets,
} from './seed-platform.ts';
