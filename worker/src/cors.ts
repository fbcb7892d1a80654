/**
 * CORS for the routes the widget calls from the merchant's pages. Only the
 * origins in ALLOWED_ORIGINS get an `Access-Control-Allow-Origin`; any other
 * origin gets nothing the browser would accept, and a checkout from it is
 * refused outright.
 */

import type { Config } from './config';

const PREFLIGHT_MAX_AGE_S = 600;

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
