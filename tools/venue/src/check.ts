// `check <venue>`: are the configured credentials of a venue account the ones the venue knows?
// Read-only calls only; the output names where the credentials came from, never what they are.

import type { Command } from './args.ts';
import { positionLine } from './position-line.ts';
import { openVenueAccount } from './venue-account.ts';

type CheckCommand = Extract<Command, { name: 'check' }>;

export interface CheckResult {
  readonly passed: boolean;
  readonly lines: readonly string[];
}

export async function runCheck(command: CheckCommand, env = process.env): Promise<CheckResult> {
  let opened;
  try {
    opened = await openVenueAccount(command, env);
  } catch (error) {
    return { passed: false, lines: [`check failed: ${(error as Error).message}`] };
  }
  const lines = [`credentials: ${opened.venue}/${command.account} from ${opened.source}`];
  const failed = (reason: string): CheckResult => ({
    passed: false,
    lines: [...lines, `check failed: ${reason}`],
  });
  try {
    switch (opened.venue) {
      case 'binance-usdm':
        // A signed read: the key, the secret and this IP's permission all checked by the venue.
        await opened.client.openOrders();
        lines.push(
          `API key accepted for signed reads (request weight used this minute: ${opened.client.usedWeight})`,
        );
        break;
      case 'hyperliquid': {
        const { client } = opened;
        const master = await client.agentMaster();
        const expected = opened.credentials.masterAddress.toLowerCase();
        if (master === null)
          return failed(
            `the venue does not know API wallet ${client.agentAddress} as an agent (not approved, revoked, or on the other network)`,
          );
        if (master !== expected)
          return failed(
            `API wallet ${client.agentAddress} is an agent of ${master}, not of the configured master ${expected}`,
          );
        lines.push(`API wallet ${client.agentAddress} is an agent of ${master}`);
        lines.push(`open orders in mapped coins: ${(await client.openOrders()).length}`);
        break;
      }
      case 'lnmarkets': {
        // Signed reads: the key, the passphrase and the secret all checked by the venue.
        const { client } = opened;
        const open = await client.openOrders();
        const [position] = await client.positions();
        lines.push(`API key accepted for signed reads (open orders: ${open.length})`);
        lines.push(
          `cross position: ${position === undefined ? 'flat' : positionLine(opened.venue, position)}`,
        );
        break;
      }
    }
    return { passed: true, lines: [...lines, 'check passed'] };
  } catch (error) {
    return failed((error as Error).message);
  } finally {
    opened.close();
  }
}
