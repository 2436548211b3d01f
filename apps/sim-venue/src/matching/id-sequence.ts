/**
 * Deterministic ids: a prefix and a counter. Give each engine run its own prefix (for example one
 * that includes the boot time) if ids must stay unique across restarts.
 */
export class IdSequence {
  readonly #prefix: string;
  #next: number;

  constructor(prefix: string, first = 1) {
    this.#prefix = prefix;
    this.#next = first;
  }

  next(): string {
    const id = this.#prefix + this.#next;
    this.#next += 1;
    return id;
  }
}
