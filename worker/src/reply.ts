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
  | { readonly kind: 'page'; readonly html: string }
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
 * The policy of our own pages: scripts and fetches from this origin only, no
 * inline script, no framing (clickjacking the console's buttons), no
 * referrer leaving with a transaction id in the URL.
 */
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

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
    case 'page':
      return new Response(reply.html, { headers: { ...base, ...PAGE_HEADERS } });
    case 'redirect':
      return new Response(null, { status: 303, headers: { ...base, location: reply.location, 'cache-control': 'no-store' } });
    case 'error': {
      const { code, message } = reply.error;
      const body: ApiErrorBody & Readonly<Record<string, unknown>> = { error: { code, message, customerMessage: customerMessage(code, lang) }, ...reply.extra };
      return Response.json(body, { status: reply.error.status, headers: { ...base, ...errorHeaders(reply.error), 'cache-control': 'no-store' } });
    }
  }
}
