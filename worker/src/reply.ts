/**
 * What a route handler answers, as a value, and the one function that turns
 * it into a `Response`. Handlers never set headers: the status comes from the
 * error table (`api-error.ts`), CORS from the route's policy, caching from
 * the kind of answer (everything is `no-store` except what a route declares
 * public), so that no route can forget one of them.
 */

import type { ApiErrorBody } from '../../shared/api/contract';
import type { Language } from '../../shared/cinetpay/wire';
import type { ApiError } from './api-error';
import type { Config } from './config';
import { corsHeaders } from './cors';
import { customerMessage } from './customer-messages';

/** Who may read a route's answers from a browser page: the shop's origins, any page, or none. */
export type CorsPolicy = 'shop' | 'public' | 'none';

export type Reply =
  | { readonly kind: 'json'; readonly body: unknown; readonly publicMaxAgeS?: number; readonly setCookie?: string }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'file'; readonly body: string; readonly contentType: string; readonly filename: string }
  | { readonly kind: 'page'; readonly html: string; readonly status?: number; readonly styleHash?: string; readonly policy?: string }
  | { readonly kind: 'stream'; readonly body: ReadableStream; readonly contentType: string; readonly filename: string; readonly size: number }
  | { readonly kind: 'error'; readonly error: ApiError; readonly extra?: Readonly<Record<string, unknown>> };

/** A JSON answer, 200; `publicMaxAgeS` makes it cacheable by anyone for that long. */
export function json(body: unknown, publicMaxAgeS?: number): Reply {
  return publicMaxAgeS === undefined ? { kind: 'json', body } : { kind: 'json', body, publicMaxAgeS };
}

/** A JSON answer with a `Set-Cookie` (the console's session; never cacheable). */
export function jsonWithCookie(body: unknown, cookie: string): Reply {
  return { kind: 'json', body, setCookie: cookie };
}

/** A 303 See Other: the browser follows it with a GET, whatever method brought it here. */
export function redirect(location: string): Reply {
  return { kind: 'redirect', location };
}

/** A download: `Content-Disposition: attachment` with this file name. */
export function file(body: string, contentType: string, filename: string): Reply {
  return { kind: 'file', body, contentType, filename };
}

/** An HTML page of our own (the console's shell), under a strict Content-Security-Policy. */
export function page(html: string): Reply {
  return { kind: 'page', html };
}

/**
 * A customer-facing HTML page (payment links, downloads) with its status and
 * its own Content-Security-Policy (html-page.ts builds it: inline style and
 * script allowed by hash, the payment host allowed as a form target).
 */
export function customerPage(html: string, status: number, policy: string): Reply {
  return { kind: 'page', html, status, policy };
}

/** A file streamed to the customer (digital delivery), saved under `filename`. */
export function stream(body: ReadableStream, contentType: string, filename: string, size: number): Reply {
  return { kind: 'stream', body, contentType, filename, size };
}

/** RFC 6266: an ASCII fallback for old clients, the exact UTF-8 name for the rest. */
function attachment(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const exact = encodeURIComponent(filename).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/**
 * A page that carries its own `<style>` (a receipt, a status page for
 * customers: one request, printable, nothing to load), with its status.
 * The style is allowed by its hash, never by `'unsafe-inline'`.
 */
export async function styledPage(html: string, css: string, status = 200): Promise<Reply> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(css)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return { kind: 'page', html, status, styleHash: `sha256-${btoa(binary)}` };
}

const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/**
 * The policy of our own pages: scripts and fetches from this origin only, no
 * inline script, no framing (clickjacking the console's buttons), no
 * referrer leaving with a transaction id in the URL.
 */
function pageHeaders(styleHash: string | undefined): Record<string, string> {
  const styles = styleHash === undefined ? "'self'" : `'self' '${styleHash}'`;
  return {
    ...PAGE_HEADERS,
    'content-security-policy': `default-src 'none'; script-src 'self'; connect-src 'self'; style-src ${styles}; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
  };
}

/** An error answer; `extra` adds fields beside `error` (the problems list of /healthz). */
export function failure(error: ApiError, extra?: Readonly<Record<string, unknown>>): Reply {
  return extra === undefined ? { kind: 'error', error } : { kind: 'error', error, extra };
}

/** The headers a CORS policy gives an answer to this request. */
export function policyHeaders(policy: CorsPolicy, request: Request, config: Config | null): Record<string, string> {
  switch (policy) {
    case 'shop':
      return config ? corsHeaders(request, config) : { vary: 'Origin' };
    case 'public':
      return { 'access-control-allow-origin': '*' };
    case 'none':
      return {};
  }
}

function errorHeaders(error: ApiError): Record<string, string> {
  return error.code === 'UNAUTHORIZED' ? { 'www-authenticate': 'Bearer' } : {};
}

/**
 * The one way an answer leaves the Worker. `lang` is the language of an
 * error's customer message (the request's, `request-language.ts`); `headers`
 * is for what the router derives (`Allow`).
 */
export function toResponse(reply: Reply, cors: Record<string, string>, lang: Language, headers: Record<string, string> = {}): Response {
  const base = { ...cors, ...headers };
  switch (reply.kind) {
    case 'json': {
      const cache = reply.publicMaxAgeS === undefined ? 'no-store' : `public, max-age=${reply.publicMaxAgeS}`;
      return Response.json(reply.body, { headers: { ...base, 'cache-control': cache, ...(reply.setCookie ? { 'set-cookie': reply.setCookie } : {}) } });
    }
    case 'file':
      return new Response(reply.body, {
        headers: {
          ...base,
          'content-type': reply.contentType,
          'content-disposition': `attachment; filename="${reply.filename}"`,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        },
      });
    case 'page': {
      const headers = reply.policy === undefined ? pageHeaders(reply.styleHash) : { ...PAGE_HEADERS, 'content-security-policy': reply.policy };
      return new Response(reply.html, { status: reply.status ?? 200, headers: { ...base, ...headers } });
    }
    case 'stream':
      return new Response(reply.body, {
        headers: {
          ...base,
          'content-type': reply.contentType,
          'content-length': String(reply.size),
          'content-disposition': attachment(reply.filename),
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        },
      });
    case 'redirect':
      return new Response(null, { status: 303, headers: { ...base, location: reply.location, 'cache-control': 'no-store' } });
    case 'error': {
      const { code, message } = reply.error;
      const body: ApiErrorBody & Readonly<Record<string, unknown>> = { error: { code, message, customerMessage: customerMessage(code, lang) }, ...reply.extra };
      return Response.json(body, { status: reply.error.status, headers: { ...base, ...errorHeaders(reply.error), 'cache-control': 'no-store' } });
    }
  }
}
