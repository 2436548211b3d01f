// `check <venue>`: are the configured credentials of a venue account the ones the venue knows?
// Read-only calls only; the output names where the credentials came from, never what they are.

import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  BinanceClient,
  HyperliquidClient,
  VenueCredentialStore,
  envSource,
  fileSource,
  secretsManagerSource,
  type CredentialSource,
  type CredentialedVenue,
} from '@perp/venue-adapter';
import type { Command } from './args.ts';

type CheckCommand = Extract<Command, { name: 'check' }>;

const VENUE_NAMES = {
  hyperliquid: 'hyperliquid',
  binance: 'binance-usdm',
  lnmarkets: 'lnmarkets',
} as const satisfies Record<CheckCommand['venue'], CredentialedVenue>;

export interface CheckResult {
  readonly passed: boolean;
  readonly lines: readonly string[];
}

/** Secrets Manager first with --env (one secret per venue account), then the file, then env. */
function sources(
  command: CheckCommand,
  env: NodeJS.ProcessEnv,
): {
  readonly sources: CredentialSource[];
  readonly close: () => void;
} {
  const list: CredentialSource[] = [];
  let client: SecretsManagerClient | undefined;
  if (command.environment !== undefined) {
    client = new SecretsManagerClient({
      region: env['AWS_REGION'] ?? 'us-east-1',
      ...(env['SECRETS_MANAGER_ENDPOINT'] ? { endpoint: env['SECRETS_MANAGER_ENDPOINT'] } : {}),
      maxAttempts: 2,
    });
    list.push(secretsManagerSource({ client, environment: command.environment }));
  }
  list.push(fileSource(command.keysFile), envSource(env));
  return { sources: list, close: () => client?.destroy() };
}

export async function runCheck(command: CheckCommand, env = process.env): Promise<CheckResult> {
  const lines: string[] = [];
  const venue = VENUE_NAMES[command.venue];
  const ref = { venue, account: command.account };
  const { sources: list, close } = sources(command, env);
  try {
    const store = new VenueCredentialStore({ sources: list });
    let resolved;
    try {
      resolved = await store.get(ref);
    } catch (error) {
      return { passed: false, lines: [`check failed: ${(error as Error).message}`] };
    }
    lines.push(`credentials: ${venue}/${command.account} from ${resolved.source}`);
    if (venue === 'binance-usdm') {
      const { apiKey, apiSecret } = (
        await store.get({ venue: 'binance-usdm', account: command.account })
      ).credentials.reveal();
      const client = new BinanceClient({
        ...(command.url ? { url: command.url } : {}),
        network: command.testnet ? 'testnet' : 'mainnet',
        apiKey,
        apiSecret,
        symbols: {},
        timeoutMs: 10_000,
      });
      // A signed read: the key, the secret and this IP's permission all checked by the venue.
      await client.openOrders();
      lines.push(
        `API key accepted for signed reads (request weight used this minute: ${client.usedWeight})`,
        'check passed',
      );
      return { passed: true, lines };
    }
    if (venue !== 'hyperliquid')
      return {
        passed: false,
        lines: [
          ...lines,
          `check failed: the credentials are well-formed, but read-only calls to ${venue} are not built yet`,
        ],
      };
    const credentials = (
      await store.get({ venue: 'hyperliquid', account: command.account })
    ).credentials.reveal();
    const client = new HyperliquidClient({
      ...(command.url ? { url: command.url } : {}),
      network: command.testnet ? 'testnet' : 'mainnet',
      ...credentials,
      coins: {},
      timeoutMs: 10_000,
    });
    const master = await client.agentMaster();
    const expected = credentials.masterAddress.toLowerCase();
    if (master === null)
      return {
        passed: false,
        lines: [
          ...lines,
          `check failed: the venue does not know API wallet ${client.agentAddress} as an agent (not approved, revoked, or on the other network)`,
        ],
      };
    if (master !== expected)
      return {
        passed: false,
        lines: [
          ...lines,
          `check failed: API wallet ${client.agentAddress} is an agent of ${master}, not of the configured master ${expected}`,
        ],
      };
    lines.push(`API wallet ${client.agentAddress} is an agent of ${master}`);
    const open = await client.openOrders();
    lines.push(`open orders in mapped coins: ${open.length}`, 'check passed');
    return { passed: true, lines };
  } catch (error) {
    return { passed: false, lines: [...lines, `check failed: ${(error as Error).message}`] };
  } finally {
    close();
  }
}
