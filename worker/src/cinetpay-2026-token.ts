/**
 * The access token of CinetPay's 2026 API, cached per isolate. One entry per
 * credentials (keyed by a SHA-256 of host, key and password, so that neither
 * appears as a key), replaced shortly before `expires_in` runs out, and
 * dropped when CinetPay says it is bad or old so that the next call logs in
 * again. Only settled tokens are kept: a pending login is never shared
 * between requests, which workerd does not allow for I/O. The token itself
 * never leaves this module but as a bearer header.
 */

import { ok, type Result } from '../../shared/result';

/** How long before its expiry a token is replaced: a minute, or a quarter of a short lifetime. */
const REFRESH_MARGIN_MS = 60_000;

interface Entry {
  readonly token: string;
  /** Epoch ms after which the token is not used any more. */
  readonly refreshAt: number;
}

const cache = new Map<string, Entry>();

/** The cache key of a set of credentials: never the credentials themselves. */
export async function credentialsKey(baseUrl: string, apiKey: string, apiPassword: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${baseUrl}\n${apiKey}\n${apiPassword}`));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface Login {
  readonly accessToken: string;
  readonly expiresInS: number;
}

/** A usable token for `key`: the cached one, or a new login's. A failed login is answered as it is and not cached. */
export async function accessToken<E>(key: string, login: () => Promise<Result<Login, E>>): Promise<Result<string, E>> {
  const cached = cache.get(key);
  if (cached && Date.now() < cached.refreshAt) return ok(cached.token);
  const answer = await login();
  if (!answer.ok) return answer;
  const lifetimeMs = answer.value.expiresInS * 1000;
  cache.set(key, { token: answer.value.accessToken, refreshAt: Date.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 4) });
  return ok(answer.value.accessToken);
}

/** CinetPay refused `token`: forget it, unless a newer one has replaced it meanwhile. */
export function dropToken(key: string, token: string): void {
  if (cache.get(key)?.token === token) cache.delete(key);
}
