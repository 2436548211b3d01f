/** How long a client is told to wait when its address has all its unauthenticated sockets. */
export const ANONYMOUS_LIMIT_RETRY_MS = 5_000;

export function anonymousLimitMessage(max: number): string {
  return `Too many unauthenticated connections from this address (at most ${max}); authenticate at the upgrade or close one`;
}

/**
 * Unauthenticated sockets per client IP, in this gateway process's memory (not across replicas:
 * the load balancer spreads one address's sockets, so the real bound is this times the
 * replicas). A socket counts from its upgrade until it logs in or closes; a logged-in socket
 * counts against its account's limit instead.
 */
export class AnonymousSockets {
  readonly max: number;
  readonly #counts = new Map<string, number>();

  constructor(max: number) {
    this.max = max;
  }

  /** Whether `ip` may open one more. */
  hasRoom(ip: string): boolean {
    return this.count(ip) < this.max;
  }

  count(ip: string): number {
    return this.#counts.get(ip) ?? 0;
  }

  /** Counts one socket of `ip`; the returned release may be called any number of times. */
  take(ip: string): () => void {
    this.#counts.set(ip, this.count(ip) + 1);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const left = this.count(ip) - 1;
      if (left > 0) this.#counts.set(ip, left);
      else this.#counts.delete(ip);
    };
  }
}
