import { describe, expect, it } from 'vitest';
import { formatMessageText, parseTelegramHtml } from './html-entities.ts';

describe('parseTelegramHtml', () => {
  it('turns the supported tags into entities over the plain text', () => {
    const parsed = parseTelegramHtml(
      '<b>Bold <i>both</i></b> <u>u</u> <s>s</s> <tg-spoiler>hidden</tg-spoiler> <code>x=1</code>',
    );
    expect(parsed).toEqual({
      ok: true,
      text: 'Bold both u s hidden x=1',
      entities: [
        { type: 'bold', offset: 0, length: 9 },
        { type: 'italic', offset: 5, length: 4 },
        { type: 'underline', offset: 10, length: 1 },
        { type: 'strikethrough', offset: 12, length: 1 },
        { type: 'spoiler', offset: 14, length: 6 },
        { type: 'code', offset: 21, length: 3 },
      ],
    });
  });

  it('accepts the synonyms, links, span spoilers, pre with a language and blockquotes', () => {
    const parsed = parseTelegramHtml(
      '<strong>a</strong><em>b</em><ins>c</ins><strike>d</strike><del>e</del>' +
        '<a href="https://example.com/?a=1&amp;b=2">link</a><span class="tg-spoiler">f</span>' +
        '<pre><code class="language-ts">let x</code></pre>' +
        '<blockquote>q</blockquote><blockquote expandable>long</blockquote>',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.text).toBe('abcdelinkflet xqlong');
    expect(parsed.entities).toEqual([
      { type: 'bold', offset: 0, length: 1 },
      { type: 'italic', offset: 1, length: 1 },
      { type: 'underline', offset: 2, length: 1 },
      { type: 'strikethrough', offset: 3, length: 1 },
      { type: 'strikethrough', offset: 4, length: 1 },
      { type: 'text_link', offset: 5, length: 4, url: 'https://example.com/?a=1&b=2' },
      { type: 'spoiler', offset: 9, length: 1 },
      { type: 'pre', offset: 10, length: 5, language: 'ts' },
      { type: 'blockquote', offset: 15, length: 1 },
      { type: 'expandable_blockquote', offset: 16, length: 4 },
    ]);
  });

  it('decodes the four named entities and numeric ones, counting offsets in UTF-16 units', () => {
    const parsed = parseTelegramHtml('&lt;&gt;&amp;&quot; &#128512;&#x41; <b>é😀</b>');
    expect(parsed).toEqual({
      ok: true,
      text: '<>&" 😀A é😀',
      entities: [{ type: 'bold', offset: 9, length: 3 }],
    });
  });

  it('keeps a bare > and upper-case tag names, and drops empty entities', () => {
    expect(parseTelegramHtml('a > b <B>c</B><i></i>')).toEqual({
      ok: true,
      text: 'a > b c',
      entities: [{ type: 'bold', offset: 6, length: 1 }],
    });
  });

  it.each([
    ['a < b', 'Unsupported start tag "" at byte offset 2'],
    ['<br>', 'Unsupported start tag "br" at byte offset 0'],
    ['<script>alert(1)</script>', 'Unsupported start tag "script" at byte offset 0'],
    ['é<b>x', 'Can\'t find end tag corresponding to start tag "b"'],
    ['<b><i>x</b></i>', 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ['x</b>', 'Unexpected end tag at byte offset 1'],
    ['<b', 'Unclosed start tag at byte offset 0'],
    ['<span>x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    [
      '<a href>x</a>',
      'Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0',
    ],
  ])('refuses %j: %s', (html, error) => {
    expect(parseTelegramHtml(html)).toEqual({ ok: false, error });
  });

  it.each(['AT&T', 'a &nbsp; b', '&#0;', '&#xD800;', '<a href="https://x.test/?a=1&b=2">x</a>'])(
    'refuses the unescaped & in %j',
    (html) => {
      const parsed = parseTelegramHtml(html);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/^Character '&' at byte offset \d+ is not part/);
    },
  );
});

describe('formatMessageText', () => {
  it('leaves text without parse_mode as it is', () => {
    expect(formatMessageText('<b>not html</b> & co', undefined)).toEqual({
      ok: true,
      text: '<b>not html</b> & co',
      entities: [],
    });
  });

  it('prefixes parse errors the way the Bot API does', () => {
    expect(formatMessageText('1 < 2', 'HTML')).toEqual({
      ok: false,
      description: 'can\'t parse entities: Unsupported start tag "" at byte offset 2',
    });
  });

  it('counts the limit of 4096 after entity parsing', () => {
    expect(formatMessageText('&lt;'.repeat(4096), 'HTML').ok).toBe(true);
    expect(formatMessageText(`<b>${'x'.repeat(4096)}</b>`, 'HTML').ok).toBe(true);
    expect(formatMessageText('x'.repeat(4097), undefined)).toEqual({
      ok: false,
      description: 'message is too long',
    });
  });

  it.each([
    ['', undefined],
    ['<b></b>', 'HTML'],
    ['  \n ', undefined],
  ])('calls %j empty', (text, mode) => {
    expect(formatMessageText(text, mode)).toEqual({
      ok: false,
      description: 'message text is empty',
    });
  });

  it('refuses unknown parse modes and says that Markdown is not implemented here', () => {
    expect(formatMessageText('x', 'XML')).toEqual({
      ok: false,
      description: 'unsupported parse_mode',
    });
    const markdown = formatMessageText('*x*', 'MarkdownV2');
    expect(markdown.ok === false && markdown.description).toMatch(/only parse_mode "HTML"/);
  });
});
