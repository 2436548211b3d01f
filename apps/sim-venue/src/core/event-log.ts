import type { SimOrderEvent } from '@perp/venue-adapter';

/**
 * The latest private events in memory (a ring of `capacity`), for clients that resume with
 * `since`. Older ones are rebuilt from the journal on demand.
 */
export class EventLog {
  readonly #ring: (SimOrderEvent | undefined)[];
  #lastSeq = 0;
  #size = 0;

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError('the event buffer holds at least one event');
    }
    this.#ring = new Array<SimOrderEvent | undefined>(capacity);
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** The oldest event still in memory (lastSeq + 1 when empty). */
  get oldestSeq(): number {
    return this.#lastSeq - this.#size + 1;
  }

  append(event: SimOrderEvent): void {
    if (event.eventSeq !== this.#lastSeq + 1) {
      throw new Error(`event ${event.eventSeq} does not follow ${this.#lastSeq}`);
    }
    this.#ring[event.eventSeq % this.#ring.length] = event;
    this.#lastSeq = event.eventSeq;
    this.#size = Math.min(this.#size + 1, this.#ring.length);
  }

  /** The events after `seq`, or undefined when some of them have left memory. */
  after(seq: number): SimOrderEvent[] | undefined {
    const from = Math.max(seq, 0) + 1;
    if (from < this.oldestSeq) return undefined;
    const events: SimOrderEvent[] = [];
    for (let s = from; s <= this.#lastSeq; s += 1) {
      const event = this.#ring[s % this.#ring.length];
      if (event !== undefined) events.push(event);
    }
    return events;
  }
}
