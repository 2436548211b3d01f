// Planned failures of Bot API methods, for tests of a client's retry and error handling: an error
// answer of any code, or a connection closed without an answer. Consumed in the order planned.
import { injectedError, type BotApiErrorBody } from './bot-api-errors.ts';

export interface FailNextOptions {
  /** 429, 500, 502, 400, … */
  readonly errorCode: number;
  /** Default: Telegram's wording for 429 (`Too Many Requests: retry after N`), else the code's phrase. */
  readonly description?: string;
  /** Seconds; sent as `parameters.retry_after` (429 defaults to 1). */
  readonly retryAfter?: number;
  /** How many calls in a row fail (default 1). */
  readonly times?: number;
}

export type Fault =
  { readonly kind: 'error'; readonly body: BotApiErrorBody } | { readonly kind: 'drop' };

interface PlannedFault {
  readonly fault: Fault;
  remaining: number;
}

export class FaultPlan {
  readonly #planned = new Map<string, PlannedFault[]>();

  failNext(method: string, options: FailNextOptions): void {
    if (!Number.isInteger(options.errorCode) || options.errorCode < 400 || options.errorCode > 599)
      throw new RangeError(`errorCode must be an HTTP error status, got ${options.errorCode}`);
    this.#plan(method, options.times, {
      kind: 'error',
      body: injectedError(options.errorCode, options.description, options.retryAfter),
    });
  }

  dropConnection(method: string, times?: number): void {
    this.#plan(method, times, { kind: 'drop' });
  }

  /** The fault for this call of `method`, if one is planned; counts it as used. */
  take(method: string): Fault | undefined {
    const queue = this.#planned.get(method.toLowerCase());
    const next = queue?.[0];
    if (queue === undefined || next === undefined) return undefined;
    next.remaining -= 1;
    if (next.remaining <= 0) queue.shift();
    return next.fault;
  }

  clear(): void {
    this.#planned.clear();
  }

  #plan(method: string, times: number | undefined, fault: Fault): void {
    const count = times ?? 1;
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`times must be a positive integer, got ${count}`);
    const key = method.toLowerCase();
    const queue = this.#planned.get(key) ?? [];
    queue.push({ fault, remaining: count });
    this.#planned.set(key, queue);
  }
}
