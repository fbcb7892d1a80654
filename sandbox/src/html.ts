/**
 * The response headers every HTML answer of the sandbox carries. The guide
 * forbids showing the payment page in a frame, so every page refuses to be
 * framed. The escaping `html` tag itself is shared (shared/html.ts).
 */

import type { SafeHtml } from '../../shared/html';

export { html, SafeHtml } from '../../shared/html';

/** The headers of every HTML answer: no framing (the guide forbids iframes), no caching of payment pages. */
export const HTML_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

export function htmlResponse(page: SafeHtml, status = 200): Response {
  return new Response(`<!DOCTYPE html>\n${page.value}`, { status, headers: HTML_HEADERS });
}
