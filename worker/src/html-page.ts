/**
 * The frame of the Worker's customer-facing pages (payment links, download
 * refusals): one small, self-contained HTML document in French or English,
 * readable on a phone, with no external resource. Its one stylesheet and its
 * optional script are inline and allowed by their SHA-256 hashes in the
 * page's Content-Security-Policy, so no other inline code can run; a page
 * that posts to the payment host names that origin in `form-action`.
 * Every value is escaped here or by the caller through `escapeHtml`.
 */

import type { Language } from '../../shared/cinetpay/wire';

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#f3f4f6}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:1rem;box-sizing:border-box}
main{background:#fff;border:1px solid #e5e7eb;border-radius:.75rem;max-width:26rem;width:100%;padding:1.5rem;box-sizing:border-box}
h1{font-size:1.25rem;margin:0 0 .5rem}
.price{font-size:1.75rem;font-weight:700;margin:.25rem 0 1rem}
p{line-height:1.5;margin:.5rem 0}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,select{font:inherit;width:100%;box-sizing:border-box;padding:.6rem .7rem;border:1px solid #9ca3af;border-radius:.5rem}
button,.button{display:block;width:100%;box-sizing:border-box;margin-top:1rem;padding:.8rem 1rem;font:inherit;font-weight:700;text-align:center;text-decoration:none;color:#fff;background:#0b6a3b;border:0;border-radius:.5rem;cursor:pointer}
button:focus-visible,.button:focus-visible{outline:3px solid #111827;outline-offset:2px}
.error{color:#b42318;font-weight:600}
.muted{color:#4b5563;font-size:.9rem}
footer{margin-top:1.25rem;color:#4b5563;font-size:.8rem;text-align:center}
`;

export interface PageContent {
  readonly lang: Language;
  /** The document title, plain text. */
  readonly title: string;
  /** The inside of `<main>`, already escaped. */
  readonly main: string;
  /** Extra `<head>` elements (Open Graph tags), already escaped. */
  readonly head?: string;
  /** An inline script, run after the page is parsed; allowed by its hash only. */
  readonly script?: string;
  /** Origins a form on the page may submit to, besides this Worker. */
  readonly formTargets?: readonly string[];
}

export interface RenderedPage {
  readonly html: string;
  /** The Content-Security-Policy this page needs, and nothing more. */
  readonly policy: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or an attribute value, safe inside HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const hashes = new Map<string, Promise<string>>();

/** `'sha256-…'` of an inline block, as CSP matches it; computed once per text. */
function sourceHash(text: string): Promise<string> {
  let hash = hashes.get(text);
  if (!hash) {
    hash = crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then((digest) => {
      let binary = '';
      for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
      return `'sha256-${btoa(binary)}'`;
    });
    hashes.set(text, hash);
  }
  return hash;
}

/** The whole document and its policy. */
export async function renderPage(content: PageContent): Promise<RenderedPage> {
  const script = content.script === undefined ? '' : `\n<script>${content.script}</script>`;
  const html = `<!doctype html>
<html lang="${content.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(content.title)}</title>${content.head ?? ''}
<style>${STYLE}</style>
</head>
<body>
<main>
${content.main}
</main>${script}
</body>
</html>
`;
  const scriptSource = content.script === undefined ? "'none'" : await sourceHash(content.script);
  const formAction = ["'self'", ...(content.formTargets ?? [])].join(' ');
  const policy = `default-src 'none'; style-src ${await sourceHash(STYLE)}; script-src ${scriptSource}; img-src 'self' data:; base-uri 'none'; form-action ${formAction}; frame-ancestors 'none'`;
  return { html, policy };
}
