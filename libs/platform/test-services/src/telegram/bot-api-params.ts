// Method parameters as the Bot API accepts them: a JSON body, a form body or a query string. In
// the latter two every value is a string, and objects (reply_markup, commands…) are JSON-encoded.
import { badRequest, chatNotFound, reject } from './bot-api-errors.ts';

export type RawParams = Readonly<Record<string, unknown>>;

export class BotApiParams {
  readonly raw: RawParams;

  constructor(raw: RawParams) {
    this.raw = raw;
  }

  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null && value !== '';
  }

  string(name: string): string | undefined {
    const value = this.raw[name];
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return undefined;
  }

  /** An integer; a value that is not one answers `Bad Request: invalid <name>`. */
  integer(name: string): number | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    const number =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)
          ? Number(value)
          : Number.NaN;
    if (!Number.isSafeInteger(number)) reject(badRequest(`invalid ${name} specified`));
    return number;
  }

  boolean(name: string): boolean | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (typeof value === 'boolean') return value;
    return value === 'true' || value === '1' || value === 1;
  }

  /** An object or array, given as JSON or as a JSON-encoded string; `invalid` answers for bad JSON. */
  json(name: string, invalid: string): unknown {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return reject(badRequest(invalid));
    }
  }

  /**
   * The target chat. Telegram accepts an integer id or `@channelusername`; the stand-in has no
   * channels, so a username is an unknown chat.
   */
  chatId(): number {
    if (!this.has('chat_id')) return reject(badRequest('chat_id is empty'));
    const value = this.raw['chat_id'];
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
    if (!/^\s*-?\d+\s*$/.test(text)) return reject(chatNotFound());
    return Number(text);
  }
}

/** Query string or form body → params (every value a string; repeated names keep the last). */
export function paramsFromSearch(search: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, value] of search) params[name] = value;
  return params;
}
