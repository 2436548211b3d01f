export {
  startBackingServices,
  type BackingServices,
  type BackingServicesOptions,
} from './backing-services.ts';
export { acceptedReport, fillReport } from './example-reports.ts';
export { LOCAL_AUDIENCE, startExtraGateway, type ExtraGateway } from './extra-gateway.ts';
export { ENTRY_POINTS, WORKSPACE_ROOT, nodeArgs, type Program } from './entry-points.ts';
export {
  STACK_READY_LINE,
  launchStack,
  startLocalStack,
  type LocalStack,
  type LocalStackOptions,
  type RedisPlace,
} from './local-stack.ts';
export {
  runNodeProgram,
  startNodeProcess,
  stopAllProcesses,
  type ProgramRun,
  type RunOptions,
  type StartOptions,
  type StartedProcess,
} from './node-process.ts';
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
} from '@perp/demo-seed';
export { startSimVenueProcess, type SimVenueProcessOptions } from './sim-venue-process.ts';
export {
  STACK_PORT_VARIABLES,
  freeStackPorts,
  type StackPortVariable,
  type StackPorts,
} from './stack-ports.ts';
export {
  TokenMintError,
  mintToken,
  tokenMinter,
  type IssuerLocation,
  type TokenRequest,
} from './token-minter.ts';
export { commitSeed, type SeedChange } from './seed-commit.ts';
