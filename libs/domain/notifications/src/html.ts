/** Text for Telegram's HTML parse mode: the three characters it reads as markup, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Tagged template: interpolated values are escaped, the literal parts are markup. */
export function tgHtml(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out +=
      (value instanceof RawHtml ? value.markup : escapeHtml(String(value))) +
      (strings[i + 1] ?? '');
  });
  return out;
}

/** Markup already built (by `tgHtml`) that an outer `tgHtml` must not escape again. */
export class RawHtml {
  readonly markup: string;

  constructor(markup: string) {
    this.markup = markup;
  }
}

export const raw = (markup: string): RawHtml => new RawHtml(markup);
