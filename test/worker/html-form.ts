/**
 * Reads the Worker's HTML pages in tests the way a browser would, with
 * workerd's own HTML parser (HTMLRewriter): the forms (method, action,
 * fields), the meta tags and the text. No regular expression over markup.
 */

export interface ParsedForm {
  readonly id: string | null;
  readonly method: string;
  readonly action: string;
  readonly fields: Record<string, string>;
}

export interface ParsedPage {
  readonly forms: ParsedForm[];
  /** `property` or `name` -> `content`. */
  readonly meta: Record<string, string>;
  scripts: number;
  readonly text: string;
}

/** HTMLRewriter hands over text and attribute values as written: undo the escapes our pages use. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export async function parsePage(response: Response): Promise<ParsedPage> {
  const page: ParsedPage = { forms: [], meta: {}, scripts: 0, text: '' };
  let text = '';
  let current: { id: string | null; method: string; action: string; fields: Record<string, string> } | null = null;
  const rewriter = new HTMLRewriter()
    .on('form', {
      element(element) {
        current = {
          id: element.getAttribute('id'),
          method: (element.getAttribute('method') ?? 'get').toLowerCase(),
          action: decodeEntities(element.getAttribute('action') ?? ''),
          fields: {},
        };
        page.forms.push(current);
      },
    })
    .on('form input', {
      element(element) {
        const name = element.getAttribute('name');
        if (current && name !== null) current.fields[name] = decodeEntities(element.getAttribute('value') ?? '');
      },
    })
    .on('meta', {
      element(element) {
        const key = element.getAttribute('property') ?? element.getAttribute('name');
        if (key !== null) page.meta[key] = decodeEntities(element.getAttribute('content') ?? '');
      },
    })
    .on('script', {
      element() {
        page.scripts++;
      },
    })
    .on('main', {
      text(chunk) {
        text += chunk.text;
      },
    });
  await rewriter.transform(response).text();
  const decoded = text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return { ...page, text: decoded.replace(/[ \t\r\n]+/g, ' ').trim() };
}
