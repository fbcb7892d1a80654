/**
 * Who may use /admin/*: a request with `Authorization: Bearer ADMIN_TOKEN`
 * (scripts, curl), or a browser with the console's session cookie
 * (admin-session.ts) whose session is still open in D1. Tokens are hashed before a constant-time comparison,
 * so neither the token's content nor its length leaks through timing. A
 * cookie travels by itself, so a state-changing request that relies on one
 * must also come from the Worker's own origin: another site's page cannot
 * act with the merchant's session.
 */

import { sessionFromRequest, verifySession } from './admin-session';
import { sessionOpen } from './admin-session-store';

const encoder = new TextEncoder();

async function digest(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', encoder.encode(text));
}

/** True when `given` is exactly `token`, in constant time. */
export async function sameToken(given: string, token: string): Promise<boolean> {
  return crypto.subtle.timingSafeEqual(await digest(given), await digest(token));
}

/** True when the request carries `Authorization: Bearer <token>` with exactly this token. */
export async function isAuthorized(request: Request, token: string): Promise<boolean> {
  const match = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '');
  return (await sameToken(match?.[1] ?? '', token)) && match !== null;
}

/** How the request proves it is the merchant, if it does. */
export type AdminCredential = 'bearer' | 'session' | null;

export async function adminCredential(request: Request, token: string, sessions: D1Database): Promise<AdminCredential> {
  if (await isAuthorized(request, token)) return 'bearer';
  const cookie = sessionFromRequest(request);
  const session = cookie === null ? null : await verifySession(token, cookie);
  return session !== null && (await sessionOpen(sessions, session.id)) ? 'session' : null;
}

/**
 * True when a browser says the request comes from `publicOrigin` itself:
 * `Origin` when sent, else `Sec-Fetch-Site: same-origin`. A request with
 * neither is refused, since only a browser sends the cookie.
 */
export function fromOwnOrigin(request: Request, publicOrigin: string): boolean {
  const origin = request.headers.get('origin');
  if (origin !== null) return origin === publicOrigin;
  return request.headers.get('sec-fetch-site') === 'same-origin';
}
