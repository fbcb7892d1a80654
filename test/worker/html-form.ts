/**
 * Reads the Worker's HTML pages in tests the way a browser would, with
 * workerd's own HTML parser (HTMLRewriter): the forms (method, action,
 * fields), each input's attributes and label, the meta tags and the text.
 * No regular expression over markup.
 */

export interface ParsedForm {
  readonly id: string | null;
  readonly method: string;
  readonly action: string;
  readonly fields: Record<string, string>;
}

/** An input as the browser sees it: its attributes (values decoded), and the text of the `<label for>` that names it. */
export interface ParsedInput {
  readonly name: string;
  readonly attributes: Record<string, string>;
  label: string | null;
}

export interface ParsedPage {
  readonly forms: ParsedForm[];
  /** Every named input of the page, in document order. */
  readonly inputs: ParsedInput[];
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
  const page: ParsedPage = { forms: [], inputs: [], meta: {}, scripts: 0, text: '' };
  let text = '';
  const labels = new Map<string, string>();
  let labelFor: string | null = null;
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
        if (name !== null) {
          const attributes: Record<string, string> = {};
          for (const [key, value] of element.attributes) if (key !== undefined) attributes[key] = decodeEntities(value ?? '');
          page.inputs.push({ name, attributes, label: null });
        }
      },
    })
    .on('label', {
      element(element) {
        labelFor = element.getAttribute('for');
        if (labelFor !== null) labels.set(labelFor, '');
      },
      text(chunk) {
        if (labelFor !== null) labels.set(labelFor, (labels.get(labelFor) ?? '') + chunk.text);
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
  for (const input of page.inputs) {
    const id = input.attributes['id'];
    const label = id === undefined ? undefined : labels.get(id);
    input.label = label === undefined ? null : decodeEntities(label).trim();
  }
  const decoded = text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return { ...page, text: decoded.replace(/[ \t\r\n]+/g, ' ').trim() };
}
