/**
 * Safe HTML for every page we render (the sandbox's pages, the Worker's
 * receipts and notice emails): an `html` template tag that escapes every
 * interpolated value unless it is already SafeHtml, so a designation such as
 * `Thé & "café" <b>'` always renders as text.
 */

/** A fragment of HTML that is already safe to emit as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | null | undefined | readonly (SafeHtml | string)[];

/** Escapes the five characters that matter in text and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => {
    switch (char) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&#39;';
    }
  });
}

function render(value: Interpolation): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((item: SafeHtml | string) => render(item)).join('');
  return escapeHtml(String(value));
}

/** `html\`<p>${text}</p>\``: interpolations are escaped; SafeHtml (and arrays of it) pass through. */
export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}
