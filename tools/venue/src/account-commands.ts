// `positions` and `cancel-all`: what the venue account holds, and the kill switch. Both go to the
// venue directly, not through the OMS: they are for when the platform's own view is in doubt.

import type { InstrumentSymbol } from '@perp/trading-domain';
import type { Command } from './args.ts';
import type { CheckResult } from './check.ts';
import { positionLine } from './position-line.ts';
import { openVenueAccount } from './venue-account.ts';

type AccountCommand = Extract<Command, { name: 'positions' | 'cancel-all' }>;

export async function runAccountCommand(
  command: AccountCommand,
  env = process.env,
): Promise<CheckResult> {
  let opened;
  try {
    opened = await openVenueAccount(command, env);
  } catch (error) {
    return { passed: false, lines: [`${command.name} failed: ${(error as Error).message}`] };
  }
  try {
    const { client } = opened;
    if (command.name === 'positions') {
      const positions = await client.positions();
      return {
        passed: true,
        lines:
          positions.length === 0
            ? ['no positions']
            : positions.map((p) => positionLine(opened.venue, p)),
      };
    }
    // The parser checked the symbol's form; the client refuses one it does not map.
    const count = await client.cancelAllOrders(command.symbol as InstrumentSymbol | undefined);
    return {
      passed: true,
      lines: [
        `canceled ${count} order${count === 1 ? '' : 's'} of ${opened.venue}/${command.account}${command.symbol ? ` in ${command.symbol}` : ''}`,
      ],
    };
  } catch (error) {
    return { passed: false, lines: [`${command.name} failed: ${(error as Error).message}`] };
  } finally {
    opened.close();
  }
}
