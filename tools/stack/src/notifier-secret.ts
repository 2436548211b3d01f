import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// The notifier's internal-API secret of the running stack, for the tools that call the notifier
// from outside the stack (npm run margin-call): in the stack's data folder, readable by its owner.
const secretFile = (dataDir: string) => join(dataDir, 'notifier-api-token');

export async function writeNotifierSecret(dataDir: string, token: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(secretFile(dataDir), `${token}\n`, { mode: 0o600 });
  await chmod(secretFile(dataDir), 0o600);
}

export async function readNotifierSecret(dataDir: string): Promise<string | undefined> {
  try {
    return (await readFile(secretFile(dataDir), 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}
