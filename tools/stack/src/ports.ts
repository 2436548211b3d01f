import { createServer } from 'node:net';
import { PrerequisiteError } from './prerequisites.ts';

/** Fails with a clear message when something already listens where the stack wants to. */
export async function requireFreePort(
  host: string,
  port: number,
  variable: string,
  what: string,
): Promise<void> {
  if (!(await isFree(host, port))) {
    throw new PrerequisiteError(
      `${host}:${port} is already in use, so ${what} cannot start there. Is another "npm start" running? ` +
        `Stop it, or set ${variable} to another port.`,
    );
  }
}

function isFree(host: string, port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** Two components told to share a port would fail later and less clearly; say so up front. */
export function requireDistinctPorts(ports: Readonly<Record<string, number>>): void {
  const seen = new Map<number, string>();
  for (const [variable, port] of Object.entries(ports)) {
    if (port === 0) continue; // any free port
    const other = seen.get(port);
    if (other !== undefined)
      throw new PrerequisiteError(
        `${other} and ${variable} are both ${port}; give each component its own port.`,
      );
    seen.set(port, variable);
  }
}

/** The first port from `from` up that nothing listens on. */
export async function firstFreePort(host: string, from: number): Promise<number> {
  for (let port = from; port <= 65_535; port += 1) if (await isFree(host, port)) return port;
  throw new PrerequisiteError(`no free port on ${host} from ${from} up`);
}
