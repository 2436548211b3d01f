/**
 * Accounts this gateway has seen exist. Accounts are never deleted, so once seen an account
 * needs no DynamoDB read per order.place to prove it exists. Bounded: past `capacity` it starts
 * over (a few reads again), which keeps a flood of made-up account ids from growing it.
 */
export class ExistingAccounts {
  readonly #accounts = new Set<string>();
  readonly #capacity: number;

  constructor(capacity = 100_000) {
    this.#capacity = capacity;
  }

  has(accountId: string): boolean {
    return this.#accounts.has(accountId);
  }

  add(accountId: string): void {
    if (this.#accounts.size >= this.#capacity) this.#accounts.clear();
    this.#accounts.add(accountId);
  }
}
