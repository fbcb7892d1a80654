/**
 * The console's session cookie: proof that this browser signed in with
 * ADMIN_TOKEN. The value is `v1.<expiry, unix seconds>.<random id>.<HMAC-SHA256>`,
 * keyed with ADMIN_TOKEN, so it expires on its own and every session ends
 * when the token is rotated; the id is also kept in D1 while the session is
 * open (admin-session-store.ts), so signing out ends it for good. The cookie is `HttpOnly` (no script reads it), `SameSite=Strict`
 * (no other site's page sends it), `Path=/admin`, and `Secure` except on a
 * loopback http origin, where browsers would drop a `Secure` cookie.
 */

export const SESSION_COOKIE = 'cinetpay_admin';
export const SESSION_TTL_S = 12 * 60 * 60;
const VERSION = 'v1';
/** Domain separation: this HMAC signs sessions and nothing else. */
const PURPOSE = 'cinetpay-edge admin session';

const encoder = new TextEncoder();

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return btoa(String.fromCharCode(...view))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

async function mac(token: string, payload: string): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(token), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', key, encoder.encode(`${PURPOSE}\n${payload}`));
}

export interface Session {
  /** The random part: the key of its row in D1. */
  readonly id: string;
  readonly expiresAtS: number;
}

/** A new session and its cookie value. */
export async function newSession(token: string, nowMs = Date.now()): Promise<Session & { readonly value: string }> {
  const expiresAtS = Math.floor(nowMs / 1000) + SESSION_TTL_S;
  const id = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const payload = `${VERSION}.${expiresAtS}.${id}`;
  return { id, expiresAtS, value: `${payload}.${base64url(await mac(token, payload))}` };
}

/** The session when `value` was signed with this token and has not expired; `null` otherwise. Whether it is still open is D1's to say. */
export async function verifySession(token: string, value: string, nowMs = Date.now()): Promise<Session | null> {
  const match = /^(v1\.(\d{1,12})\.([\w-]{22}))\.([\w-]{43})$/.exec(value);
  if (!match?.[1] || !match[2] || !match[3] || !match[4]) return null;
  const expected = encoder.encode(base64url(await mac(token, match[1])));
  const given = encoder.encode(match[4]);
  if (given.byteLength !== expected.byteLength || !crypto.subtle.timingSafeEqual(given, expected)) return null;
  const expiresAtS = Number(match[2]);
  return expiresAtS * 1000 > nowMs ? { id: match[3], expiresAtS } : null;
}

/** The session cookie's value in this request, if any. */
export function sessionFromRequest(request: Request): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=');
  }
  return null;
}

/** Browsers refuse `Secure` cookies from plain http, except on loopback, where we leave it off (npm start). */
function secure(requestUrl: string): boolean {
  const url = new URL(requestUrl);
  return !(url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
}

/** `Set-Cookie` for a new session, or (value `null`) to end it. */
export function sessionCookie(requestUrl: string, value: string | null): string {
  const attributes = [`${SESSION_COOKIE}=${value ?? ''}`, 'Path=/admin', 'HttpOnly', 'SameSite=Strict', `Max-Age=${value === null ? 0 : SESSION_TTL_S}`];
  if (secure(requestUrl)) attributes.push('Secure');
  return attributes.join('; ');
}
