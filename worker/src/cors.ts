/**
 * CORS for the routes the widget calls from the merchant's pages. Only the
 * origins in ALLOWED_ORIGINS get an answer they can use. A page on any other
 * well-formed origin is refused in a way it can read: its preflight passes,
 * then every request gets `403 FORBIDDEN_ORIGIN` and nothing else, with an
 * `Access-Control-Allow-Origin` so that the widget there can tell the
 * customer that payment is not available on this site (and the merchant
 * which setting to change), instead of blaming the customer's connection.
 */

import type { Config } from './config';

const PREFLIGHT_MAX_AGE_S = 600;
/** A longer `Origin` is no browser's: refuse it without echoing it back. */
const MAX_ORIGIN_LENGTH = 300;

/** True when the request comes from a page on an allowed origin, or from no page at all (a server). */
export function originAllowed(request: Request, config: Config): boolean {
  const origin = request.headers.get('origin');
  return origin === null || config.allowedOrigins.has(origin);
}

/** Headers that let an allowed origin read the answer. */
export function corsHeaders(request: Request, config: Config): Record<string, string> {
  const origin = request.headers.get('origin');
  return origin !== null && config.allowedOrigins.has(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
}

/** The headers of a successful preflight (204) from an allowed origin for a route answering `methods`. */
export function preflightHeaders(request: Request, config: Config, methods: string): Record<string, string> {
  return {
    ...corsHeaders(request, config),
    'access-control-allow-methods': methods,
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': String(PREFLIGHT_MAX_AGE_S),
  };
}

/**
 * The origin of a page that is refused but may read its refusal: present,
 * well-formed (exactly what a browser sends: scheme, host, port), and not
 * allowed. `null` for an allowed origin, no origin, or a malformed one.
 */
export function refusedOrigin(request: Request, config: Config): string | null {
  const origin = request.headers.get('origin');
  if (origin === null || origin.length > MAX_ORIGIN_LENGTH || config.allowedOrigins.has(origin) || !URL.canParse(origin)) return null;
  const url = new URL(origin);
  return url.origin === origin && (url.protocol === 'https:' || url.protocol === 'http:') ? origin : null;
}
