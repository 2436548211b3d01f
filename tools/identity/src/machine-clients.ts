import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AccountId } from '@perp/contracts';
import { z } from 'zod';
import { isScopeToken } from './token-args.ts';

/** The variable that names the clients file; every message about the file starts with it. */
export const CLIENTS_FILE_VARIABLE = 'IDENTITY_CLIENTS_FILE';

/**
 * A machine (client-credentials) app client, as Cognito has them for bots: its id, the sha256 of
 * its secret (the file never holds the secret itself), the account its tokens act for, and the
 * scopes it may ask for.
 */
export interface MachineClient {
  readonly clientId: string;
  /** sha256 of the secret's UTF-8 bytes, 64 lowercase hex digits. */
  readonly clientSecretSha256: string;
  /** Put in `custom:account_id`, as Cognito's pre-token-generation trigger would. */
  readonly accountId: string;
  /** What it may ask for, each once; a token request without `scope` gets them all. */
  readonly scopes: readonly string[];
}

/** The machine clients by client id; empty when the issuer has none. */
export type MachineClients = ReadonlyMap<string, MachineClient>;

/** The clients file cannot be used; the message names IDENTITY_CLIENTS_FILE and what is wrong. */
export class MachineClientsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MachineClientsError';
  }
}

// RFC 3986 unreserved characters: an id that reads the same form-urlencoded or not, so
// `curl -u "$ID:$SECRET"` (which does not encode) and RFC 6749 §2.3.1 clients (which do) agree.
const CLIENT_ID = /^[A-Za-z0-9._~-]{1,128}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

const MachineClientSchema = z.strictObject({
  clientId: z.string().regex(CLIENT_ID, {
    error: 'must be 1 to 128 characters of A-Z, a-z, 0-9, ., _, ~ or -',
  }),
  clientSecretSha256: z.string().regex(SHA256_HEX, {
    error: 'must be the sha256 of the secret as 64 lowercase hex digits',
  }),
  accountId: AccountId,
  scopes: z
    .array(
      z.string().refine(isScopeToken, {
        error:
          'must be an RFC 6749 scope-token such as perp-api/trade (printable ASCII, no space, quote or backslash)',
      }),
    )
    .min(1, { error: 'must name at least one scope, e.g. perp-api/trade' })
    .transform((scopes) => [...new Set(scopes)]),
});

const ClientsFileSchema = z.strictObject({
  clients: z.array(MachineClientSchema).superRefine((clients, context) => {
    const seen = new Set<string>();
    clients.forEach((client, index) => {
      if (seen.has(client.clientId))
        context.addIssue({
          code: 'custom',
          path: [index, 'clientId'],
          message: `"${client.clientId}" is listed more than once`,
        });
      seen.add(client.clientId);
    });
  }),
});

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

// JSON.parse's message may quote the file (a pasted secret): only its position is passed on.
function jsonPosition(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const where = /\(line \d+ column \d+\)|at position \d+/.exec(message);
  return where ? ` (${where[0].replace(/^\(|\)$/g, '')})` : '';
}

/** The clients file's text, checked; `file` is for the messages. */
export function parseMachineClients(text: string, file: string): MachineClients {
  const prefix = `${CLIENTS_FILE_VARIABLE} "${file}"`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MachineClientsError(`${prefix} is not valid JSON${jsonPosition(error)}`);
  }
  const result = ClientsFileSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const where = pathText(issue.path);
      return where === '' ? issue.message : `${where}: ${issue.message}`;
    });
    throw new MachineClientsError(
      `${prefix} is not a clients file ({ "clients": [{ "clientId", "clientSecretSha256", "accountId", "scopes" }] }): ${problems.join('; ')}`,
    );
  }
  return new Map(result.data.clients.map((client) => [client.clientId, client]));
}

/** Reads and checks the clients file; no file named (undefined) means no machine clients. */
export async function loadMachineClients(file: string | undefined): Promise<MachineClients> {
  if (file === undefined) return new Map();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // No `cause`: its message is this one's tail already, and loggers would print it twice.
    throw new MachineClientsError(
      `${CLIENTS_FILE_VARIABLE} "${file}" cannot be read: ${(error as Error).message}`,
    );
  }
  return parseMachineClients(text, file);
}

/** What goes in `clientSecretSha256`: the sha256 of the secret's UTF-8 bytes, lowercase hex. */
export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
