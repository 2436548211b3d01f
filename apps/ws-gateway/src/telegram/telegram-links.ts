import { TelegramLinkResult } from '@perp/contracts';
import type { AccountId } from '@perp/trading-domain';
import { DependencyUnavailableError } from '../dependency-error.ts';

/** Issues the single-use codes that link a Telegram chat to an account (telegram.link). */
export interface TelegramLinks {
  issue(accountId: AccountId): Promise<TelegramLinkResult>;
}

export interface NotifierLinkCodesOptions {
  /** The notifier's internal API, e.g. http://notifier.internal:9107. */
  readonly baseUrl: string;
  /** Its bearer secret. */
  readonly apiToken: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * The notifier keeps the codes (hashed, in its database) and knows the bot's name for the deep
 * link, so the gateway asks it. Unreachable or failing, it is a retryable dependency (10007).
 */
export class NotifierLinkCodes implements TelegramLinks {
  readonly #o: NotifierLinkCodesOptions;
  readonly #url: string;

  constructor(options: NotifierLinkCodesOptions) {
    this.#o = options;
    this.#url = new URL('/v1/link-codes', options.baseUrl).toString();
  }

  async issue(accountId: AccountId): Promise<TelegramLinkResult> {
    const fetcher = this.#o.fetch ?? fetch;
    let response: Response;
    try {
      response = await fetcher(this.#url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.#o.apiToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ accountId }),
        signal: AbortSignal.timeout(this.#o.timeoutMs ?? 3_000),
      });
    } catch (error) {
      throw new DependencyUnavailableError('the notifier', { cause: error });
    }
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = TelegramLinkResult.safeParse(body);
    if (response.status !== 201 || !parsed.success)
      throw new DependencyUnavailableError('the notifier', {
        cause: new Error(`POST /v1/link-codes answered ${response.status}`),
      });
    return parsed.data;
  }
}
