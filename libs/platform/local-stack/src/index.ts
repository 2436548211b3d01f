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
