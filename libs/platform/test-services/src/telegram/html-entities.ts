// Telegram's `parse_mode: "HTML"`, following the Bot API documentation and TDLib's parser (error
// wording included): the supported tags only, properly nested and closed, and only the entities
// &lt; &gt; &amp; &quot; and numeric ones. One deliberate difference: TDLib keeps a bare `&` as
// text, but the documentation says it must be escaped, so here it is an error; a notifier that
// passes these checks also passes Telegram's.
import type { MessageEntity, MessageEntityType } from './bot-api-types.ts';

export const MAX_MESSAGE_LENGTH = 4096;

export interface FormattedText {
  /** The text a Telegram client shows, markup removed and entities decoded. */
  readonly text: string;
  readonly entities: readonly MessageEntity[];
}

export type HtmlParseResult =
  ({ readonly ok: true } & FormattedText) | { readonly ok: false; readonly error: string };

const TAG_ENTITY: Readonly<Record<string, MessageEntityType>> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
};

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
};

interface OpenTag {
  readonly name: string;
  readonly argument: string;
  readonly expandable: boolean;
  readonly offset: number;
  readonly order: number;
}

interface ParsedEntity {
  readonly entity: MessageEntity;
  readonly order: number;
  /** For `code`: whether `class="language-…"` was given, so an enclosing `pre` takes it. */
  readonly codeLanguage?: string;
}

class HtmlSyntaxError extends Error {}

const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\v' || c === '\f';
const isNameTokenChar = (c: string | undefined): boolean =>
  c !== undefined && /[A-Za-z0-9.-]/.test(c);

/** Parses Telegram-flavoured HTML into plain text and entities, or says why Telegram would refuse it. */
export function parseTelegramHtml(html: string): HtmlParseResult {
  try {
    return { ok: true, ...parse(html) };
  } catch (error) {
    if (error instanceof HtmlSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}

function parse(html: string): FormattedText {
  const byteOffset = (index: number) => new TextEncoder().encode(html.slice(0, index)).length;
  const fail = (message: string): never => {
    throw new HtmlSyntaxError(message);
  };
  let text = '';
  const open: OpenTag[] = [];
  const parsed: ParsedEntity[] = [];
  let order = 0;
  let i = 0;

  /** Decodes the entity at `at` (which holds `&`); returns it and the index after it. */
  const decodeEntity = (at: number): [string, number] => {
    const match = /^&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[a-zA-Z]{1,10});/.exec(
      html.slice(at, at + 12),
    );
    const body = match?.[1];
    if (match && body !== undefined) {
      if (body.startsWith('#')) {
        const code =
          body[1] === 'x' || body[1] === 'X'
            ? Number.parseInt(body.slice(2), 16)
            : Number.parseInt(body.slice(1), 10);
        if (code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff))
          return [String.fromCodePoint(code), at + match[0].length];
      } else {
        const named = NAMED_ENTITIES[body];
        if (named !== undefined) return [named, at + match[0].length];
      }
    }
    return fail(
      `Character '&' at byte offset ${byteOffset(at)} is not part of a supported HTML entity; ` +
        'escape it as "&amp;" (supported: &lt; &gt; &amp; &quot; and numeric entities)',
    );
  };

  while (i < html.length) {
    const c = html[i];
    if (c === '&') {
      const [decoded, next] = decodeEntity(i);
      text += decoded;
      i = next;
      continue;
    }
    if (c !== '<') {
      text += c;
      i += 1;
      continue;
    }

    const begin = i;
    i += 1;
    if (html[i] !== '/') {
      while (i < html.length && !isSpace(html[i]) && html[i] !== '>') i += 1;
      if (i >= html.length) fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
      const tagName = html.slice(begin + 1, i).toLowerCase();
      if (TAG_ENTITY[tagName] === undefined)
        fail(`Unsupported start tag "${tagName}" at byte offset ${byteOffset(begin)}`);

      let argument = '';
      let expandable = false;
      while (html[i] !== '>') {
        while (i < html.length && isSpace(html[i])) i += 1;
        if (i >= html.length) fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
        if (html[i] === '>') break;
        const nameBegin = i;
        while (i < html.length && !isSpace(html[i]) && html[i] !== '=' && html[i] !== '>') i += 1;
        const attribute = html.slice(nameBegin, i).toLowerCase();
        if (attribute === '')
          fail(`Empty attribute name in the tag "${tagName}" at byte offset ${byteOffset(begin)}`);
        while (i < html.length && isSpace(html[i])) i += 1;
        if (html[i] !== '=') {
          if (tagName === 'blockquote' && attribute === 'expandable') {
            expandable = true;
            continue;
          }
          fail(
            `Expected equal sign in declaration of an attribute of the tag "${tagName}" at byte offset ${byteOffset(begin)}`,
          );
        }
        i += 1;
        while (i < html.length && isSpace(html[i])) i += 1;
        if (i >= html.length)
          fail(`Unclosed start tag "${tagName}" at byte offset ${byteOffset(begin)}`);
        let value = '';
        const quote = html[i];
        if (quote !== '"' && quote !== "'") {
          // An unquoted value is an HTML name token: letters, digits, periods, hyphens.
          const tokenBegin = i;
          while (isNameTokenChar(html[i])) i += 1;
          value = html.slice(tokenBegin, i).toLowerCase();
          if (!isSpace(html[i]) && html[i] !== '>')
            fail(`Unexpected end of name token at byte offset ${byteOffset(tokenBegin)}`);
        } else {
          i += 1;
          while (i < html.length && html[i] !== quote) {
            if (html[i] === '&') {
              const [decoded, next] = decodeEntity(i);
              value += decoded;
              i = next;
            } else {
              value += html[i];
              i += 1;
            }
          }
          if (i >= html.length) fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
          i += 1;
        }
        if (tagName === 'a' && attribute === 'href') argument = value;
        else if (tagName === 'code' && attribute === 'class' && value.startsWith('language-'))
          argument = value.slice('language-'.length);
        else if (tagName === 'span' && attribute === 'class' && value.startsWith('tg-'))
          argument = value.slice('tg-'.length);
        else if (tagName === 'blockquote' && attribute === 'expandable') expandable = true;
      }
      if (tagName === 'span' && argument !== 'spoiler')
        fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(begin)}`);
      open.push({ name: tagName, argument, expandable, offset: text.length, order: order++ });
      i += 1;
      continue;
    }

    // An end tag.
    const top = open.pop();
    if (top === undefined) return fail(`Unexpected end tag at byte offset ${byteOffset(begin)}`);
    i += 1;
    while (i < html.length && !isSpace(html[i]) && html[i] !== '>') i += 1;
    const endName = html.slice(begin + 2, i).toLowerCase();
    while (i < html.length && isSpace(html[i])) i += 1;
    if (html[i] !== '>') fail(`Unclosed end tag at byte offset ${byteOffset(begin)}`);
    if (endName !== '' && endName !== top.name)
      fail(
        `Unmatched end tag at byte offset ${byteOffset(begin)}, expected "</${top.name}>", found "</${endName}>"`,
      );
    i += 1;
    closeEntity(top, text, parsed);
  }

  const unclosed = open.at(-1);
  if (unclosed !== undefined)
    fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);

  const entities = parsed
    .sort(
      (a, b) =>
        a.entity.offset - b.entity.offset || b.entity.length - a.entity.length || a.order - b.order,
    )
    .map((p) => p.entity);
  return { text, entities };
}

function closeEntity(tag: OpenTag, text: string, parsed: ParsedEntity[]): void {
  const offset = tag.offset;
  const length = text.length - offset;
  if (length === 0) return; // Telegram drops empty entities.
  const base = TAG_ENTITY[tag.name] ?? 'bold';
  if (base === 'text_link') {
    // An empty href links the text itself, as Telegram does.
    const url = tag.argument === '' ? text.slice(offset) : tag.argument;
    parsed.push({ entity: { type: 'text_link', offset, length, url }, order: tag.order });
  } else if (base === 'code') {
    const entity: MessageEntity = { type: 'code', offset, length };
    parsed.push(
      tag.argument === ''
        ? { entity, order: tag.order }
        : { entity, order: tag.order, codeLanguage: tag.argument },
    );
  } else if (base === 'pre') {
    // <pre><code class="language-x">…</code></pre> is one pre entity with a language.
    const last = parsed.at(-1);
    let language: string | undefined;
    if (
      last?.entity.type === 'code' &&
      last.entity.offset === offset &&
      last.entity.length === length
    ) {
      parsed.pop();
      language = last.codeLanguage;
    }
    parsed.push({
      entity:
        language === undefined
          ? { type: 'pre', offset, length }
          : { type: 'pre', offset, length, language },
      order: tag.order,
    });
  } else if (base === 'blockquote') {
    parsed.push({
      entity: { type: tag.expandable ? 'expandable_blockquote' : 'blockquote', offset, length },
      order: tag.order,
    });
  } else {
    parsed.push({ entity: { type: base, offset, length }, order: tag.order });
  }
}

export type MessageTextResult =
  ({ readonly ok: true } & FormattedText) | { readonly ok: false; readonly description: string };

/**
 * Message text as Telegram checks it for sendMessage / editMessageText: parsed according to
 * `parseMode`, then 1..4096 characters. `description` is the part after "Bad Request: ".
 */
export function formatMessageText(
  text: string | undefined,
  parseMode: string | undefined,
): MessageTextResult {
  if (text === undefined || text === '') return { ok: false, description: 'message text is empty' };
  let formatted: FormattedText;
  const mode = (parseMode ?? '').toLowerCase();
  if (mode === '') {
    formatted = { text, entities: [] };
  } else if (mode === 'html') {
    const result = parseTelegramHtml(text);
    if (!result.ok) return { ok: false, description: `can't parse entities: ${result.error}` };
    formatted = { text: result.text, entities: result.entities };
  } else if (mode === 'markdownv2' || mode === 'markdown') {
    return {
      ok: false,
      description: `can't parse entities: the Telegram stand-in implements only parse_mode "HTML", not "${parseMode}"`,
    };
  } else {
    return { ok: false, description: 'unsupported parse_mode' };
  }
  if (formatted.text.trim() === '') return { ok: false, description: 'message text is empty' };
  if (formatted.text.length > MAX_MESSAGE_LENGTH)
    return { ok: false, description: 'message is too long' };
  return { ok: true, ...formatted };
}
