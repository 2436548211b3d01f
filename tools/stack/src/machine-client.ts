// The market maker's machine client on the local stack: a client id and secret, as a Cognito app
// client with the client-credentials grant would have, kept in the stack's data folder so
// `npm run market-maker` finds the same ones. The issuer is given only the secret's hash.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MARKET_MAKER_ACCOUNT } from '@perp/demo-seed';

export const MARKET_MAKER_CLIENT_ID = 'perp-local-market-maker';
/** What the bot asks for: the gateway makes it a trader. */
export const MARKET_MAKER_SCOPE = 'perp-api/trade';

export interface MachineClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Where the bot's credentials live (0600 in a 0700 folder, like the signing key). */
export const machineClientFile = (dataDir: string) =>
  join(dataDir, 'market-maker', 'client-credentials.json');
/** IDENTITY_CLIENTS_FILE: the issuer's list of machine clients. */
export const identityClientsFile = (dataDir: string) => join(dataDir, 'identity', 'clients.json');

/** The credentials made on the first start, or undefined before it. */
export async function readMachineClient(dataDir: string): Promise<MachineClient | undefined> {
  let text: string;
  try {
    text = await readFile(machineClientFile(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<MachineClient>;
  if (typeof parsed.clientId !== 'string' || typeof parsed.clientSecret !== 'string')
    throw new Error(`${machineClientFile(dataDir)} is not a client id and secret; delete it`);
  return { clientId: parsed.clientId, clientSecret: parsed.clientSecret };
}

/** The bot's credentials (made once) and the issuer's clients file that knows them. */
export async function ensureMachineClient(dataDir: string): Promise<MachineClient> {
  const client = (await readMachineClient(dataDir)) ?? {
    clientId: MARKET_MAKER_CLIENT_ID,
    clientSecret: randomBytes(32).toString('base64url'),
  };
  await writePrivate(machineClientFile(dataDir), `${JSON.stringify(client, null, 2)}\n`);
  const clients = {
    clients: [
      {
        clientId: client.clientId,
        clientSecretSha256: createHash('sha256').update(client.clientSecret).digest('hex'),
        accountId: MARKET_MAKER_ACCOUNT.accountId,
        scopes: [MARKET_MAKER_SCOPE],
      },
    ],
  };
  await writePrivate(identityClientsFile(dataDir), `${JSON.stringify(clients, null, 2)}\n`);
  return client;
}

async function writePrivate(file: string, text: string): Promise<void> {
  const folder = join(file, '..');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700);
  await writeFile(file, text, { mode: 0o600 });
  await chmod(file, 0o600);
}
