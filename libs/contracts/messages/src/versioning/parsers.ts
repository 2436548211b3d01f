import { ACCOUNT_EVENT_TYPES, AccountEvent } from '../events/account-event.ts';
import { ExecutionReport } from '../events/execution-report.ts';
import { MARKET_DATA_EVENT_TYPES, MarketDataEvent } from '../events/market-data-event.ts';
import { COMMAND_TYPES, CommandEnvelope } from '../queue/command-envelope.ts';
import { versionedParser, type ParseOutcome } from './versioned-parser.ts';

// The one way consumers read queue and stream messages: version first, then type, then shape.
// A new version is added as another entry of `versions`, so old and new messages parse side by side.

const commandEnvelope = versionedParser<CommandEnvelope>({
  name: 'CommandEnvelope',
  versions: { 1: CommandEnvelope },
  discriminator: { key: 'type', values: COMMAND_TYPES },
});

const executionReport = versionedParser<ExecutionReport>({
  name: 'ExecutionReport',
  versions: { 1: ExecutionReport },
});

const accountEvent = versionedParser<AccountEvent>({
  name: 'AccountEvent',
  versions: { 1: AccountEvent },
  discriminator: { key: 'type', values: ACCOUNT_EVENT_TYPES },
});

const marketDataEvent = versionedParser<MarketDataEvent>({
  name: 'MarketDataEvent',
  versions: { 1: MarketDataEvent },
  discriminator: { key: 'type', values: MARKET_DATA_EVENT_TYPES },
});

export const parseCommandEnvelope = (input: unknown): CommandEnvelope =>
  commandEnvelope.parse(input);
export const safeParseCommandEnvelope = (input: unknown): ParseOutcome<CommandEnvelope> =>
  commandEnvelope.safeParse(input);

export const parseExecutionReport = (input: unknown): ExecutionReport =>
  executionReport.parse(input);
export const safeParseExecutionReport = (input: unknown): ParseOutcome<ExecutionReport> =>
  executionReport.safeParse(input);

export const parseAccountEvent = (input: unknown): AccountEvent => accountEvent.parse(input);
export const safeParseAccountEvent = (input: unknown): ParseOutcome<AccountEvent> =>
  accountEvent.safeParse(input);

export const parseMarketDataEvent = (input: unknown): MarketDataEvent =>
  marketDataEvent.parse(input);
export const safeParseMarketDataEvent = (input: unknown): ParseOutcome<MarketDataEvent> =>
  marketDataEvent.safeParse(input);
