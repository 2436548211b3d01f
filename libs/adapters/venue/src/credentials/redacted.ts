import { inspect } from 'node:util';

const MARK = '[redacted]';

/**
 * A secret that never prints: JSON (pino's serialisation), string conversion and util.inspect
 * all show a marker. Only `reveal()` hands the value over, to the code that signs with it.
 */
export class Redacted<T> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
  }

  reveal(): T {
    return this.#value;
  }

  toJSON(): string {
    return MARK;
  }

  toString(): string {
    return MARK;
  }

  [inspect.custom](): string {
    return MARK;
  }
}
