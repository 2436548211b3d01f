/**
 * Deterministic ids: a prefix and a counter. Give each engine run its own prefix (for example one
 * that includes the boot time) if ids must stay unique across restarts. Where the engine mints its
 * venue order and trade ids: printable ASCII prefixes and digits, which their grammars accept.
 */
export class IdSequence<Id extends string> {
  readonly #prefix: string;
  #next: number;

  constructor(prefix: string, first = 1) {
    this.#prefix = prefix;
    this.#next = first;
  }

  next(): Id {
    const id = this.#prefix + this.#next;
    this.#next += 1;
    return id as Id;
  }
}
