// Telegram's error answers, word for word where Telegram's wording is known. The HTTP status of an
// error answer equals its error_code, as with api.telegram.org.

export interface ResponseParameters {
  readonly retry_after?: number;
  readonly migrate_to_chat_id?: number;
}

export interface BotApiErrorBody {
  readonly ok: false;
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: ResponseParameters;
}

export interface BotApiOkBody<T = unknown> {
  readonly ok: true;
  readonly result: T;
}

export type BotApiBody<T = unknown> = BotApiOkBody<T> | BotApiErrorBody;

function error(
  errorCode: number,
  description: string,
  parameters?: ResponseParameters,
): BotApiErrorBody {
  return parameters === undefined
    ? { ok: false, error_code: errorCode, description }
    : { ok: false, error_code: errorCode, description, parameters };
}

/** `Bad Request: <detail>`, e.g. `badRequest('chat not found')`. */
export const badRequest = (detail: string): BotApiErrorBody => error(400, `Bad Request: ${detail}`);

export const unauthorized = (): BotApiErrorBody => error(401, 'Unauthorized');

/** `Forbidden: <detail>`, e.g. `forbidden('bot was blocked by the user')`. */
export const forbidden = (detail: string): BotApiErrorBody => error(403, `Forbidden: ${detail}`);

export const botBlocked = (): BotApiErrorBody => forbidden('bot was blocked by the user');

export const userDeactivated = (): BotApiErrorBody => forbidden('user is deactivated');

export const chatNotFound = (): BotApiErrorBody => badRequest('chat not found');

export const notFound = (): BotApiErrorBody => error(404, 'Not Found');

export const getUpdatesConflict = (): BotApiErrorBody =>
  error(
    409,
    'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  );

export const tooManyRequests = (retryAfterSeconds: number): BotApiErrorBody =>
  error(429, `Too Many Requests: retry after ${retryAfterSeconds}`, {
    retry_after: retryAfterSeconds,
  });

export const payloadTooLarge = (): BotApiErrorBody => error(413, 'Request Entity Too Large');

const STANDARD_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  420: 'Flood',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * An arbitrary error for fault injection. A 429 gets Telegram's wording and `retry_after`
 * (default 1 s); others get the standard phrase for their code unless a description is given.
 */
export function injectedError(
  errorCode: number,
  description?: string,
  retryAfterSeconds?: number,
): BotApiErrorBody {
  if (errorCode === 429) {
    const retryAfter = retryAfterSeconds ?? 1;
    return description === undefined
      ? tooManyRequests(retryAfter)
      : error(429, description, { retry_after: retryAfter });
  }
  const parameters =
    retryAfterSeconds === undefined ? undefined : { retry_after: retryAfterSeconds };
  return error(
    errorCode,
    description ?? STANDARD_DESCRIPTIONS[errorCode] ?? `Error ${errorCode}`,
    parameters,
  );
}

/** Thrown inside method handlers to answer with a Telegram error; never leaves the stand-in. */
export class BotApiRejection extends Error {
  readonly body: BotApiErrorBody;

  constructor(body: BotApiErrorBody) {
    super(body.description);
    this.name = 'BotApiRejection';
    this.body = body;
  }
}

export function reject(body: BotApiErrorBody): never {
  throw new BotApiRejection(body);
}
