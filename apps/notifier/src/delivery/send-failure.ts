import { GrammyError, HttpError } from 'grammy';

/** What a failed sendMessage means for the outbox row and its chat. */
export type SendFailure =
  /** 429: wait what Telegram said, then the same message again (not counted as an attempt). */
  | { readonly kind: 'rateLimited'; readonly retryAfterMs: number; readonly reason: string }
  /** 403 or chat not found: the chat gets nothing more until it writes to the bot again. */
  | {
      readonly kind: 'chatGone';
      readonly status: 'blocked' | 'deactivated';
      readonly reason: string;
    }
  /** Any other 4xx: this message can never be sent (bad markup, too long). */
  | { readonly kind: 'rejected'; readonly reason: string }
  /** 5xx, a network error, a timeout: the same message later, with backoff. */
  | { readonly kind: 'transient'; readonly reason: string };

/** Reason labels for metrics: few, stable values (never the free text of a description). */
export type SendFailureReason = SendFailure['kind'];

export function classifySendFailure(error: unknown): SendFailure {
  if (error instanceof GrammyError) {
    const reason = `${error.error_code} ${error.description}`;
    if (error.error_code === 429)
      return {
        kind: 'rateLimited',
        retryAfterMs: Math.max(1, error.parameters.retry_after ?? 1) * 1000,
        reason,
      };
    if (error.error_code === 403)
      return {
        kind: 'chatGone',
        status: /blocked/i.test(error.description) ? 'blocked' : 'deactivated',
        reason,
      };
    if (error.error_code === 400 && /chat not found/i.test(error.description))
      return { kind: 'chatGone', status: 'deactivated', reason };
    if (error.error_code >= 500) return { kind: 'transient', reason };
    return { kind: 'rejected', reason };
  }
  // HttpError's message quotes the request URL, and with it the bot token: never passed on.
  if (error instanceof HttpError) return { kind: 'transient', reason: 'network error' };
  return { kind: 'transient', reason: error instanceof Error ? error.name : 'unknown error' };
}
