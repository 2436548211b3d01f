import type { NotificationRequest } from '@perp/contracts';

export type NotifyOutcome =
  | { readonly delivered: true; readonly queued: number }
  /** Not known to be stored: the same request (same dedupe key) is sent again next run. */
  | { readonly delivered: false; readonly retryable: true; readonly detail: string }
  /** The notifier refused it as malformed: sending it again cannot help. */
  | { readonly delivered: false; readonly retryable: false; readonly detail: string };

export interface NotifierClientOptions {
  readonly baseUrl: string;
  readonly apiToken: string;
  readonly timeoutMs: number;
}

/** The notifier's internal API, POST /v1/notifications. */
export class NotifierClient {
  readonly #url: string;
  readonly #authorization: string;
  readonly #timeoutMs: number;

  constructor(options: NotifierClientOptions) {
    this.#url = `${options.baseUrl.replace(/\/+$/, '')}/v1/notifications`;
    this.#authorization = `Bearer ${options.apiToken}`;
    this.#timeoutMs = options.timeoutMs;
  }

  async notify(request: NotificationRequest): Promise<NotifyOutcome> {
    let response: Response;
    try {
      response = await fetch(this.#url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: this.#authorization },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      return {
        delivered: false,
        retryable: true,
        detail: `notifier unreachable: ${(error as Error).message}`,
      };
    }
    const body = (await response.json().catch(() => undefined)) as
      { queued?: unknown; error?: { code?: unknown } } | undefined;
    if (response.status === 202 && typeof body?.queued === 'number')
      return { delivered: true, queued: body.queued };
    const detail = `notifier answered ${response.status} ${String(body?.error?.code ?? '')}`.trim();
    // 401 is a configuration fault that an operator fixes: kept, like an outage.
    const retryable = response.status >= 500 || response.status === 401 || response.status === 429;
    return { delivered: false, retryable, detail };
  }
}
