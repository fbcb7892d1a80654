/**
 * The sandbox's 2026 access tokens: `sbx_at.<epoch>.<expires ms>.<nonce>.<mac>`,
 * the MAC an HMAC-SHA256 of the rest under the API password. Nothing is
 * stored per token; a token is valid while its MAC is right, its expiry is
 * ahead and its epoch is the sandbox's current one, which the control API
 * bumps to expire every token at once ("the token expired mid-flight").
 */

const PREFIX = 'sbx_at';

export type TokenCheck = 'valid' | 'invalid' | 'expired';

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function mac(text: string, password: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return hex(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
}

/** A new token valid for `ttlS` seconds in `epoch`. */
export async function issueAccessToken(epoch: number, ttlS: number, password: string): Promise<string> {
  const body = `${PREFIX}.${epoch}.${Date.now() + ttlS * 1000}.${hex(crypto.getRandomValues(new Uint8Array(12)))}`;
  return `${body}.${await mac(body, password)}`;
}

/** What the `Authorization: Bearer` header holds, judged against the current epoch. */
export async function checkAccessToken(header: string | null, epoch: number, password: string): Promise<TokenCheck> {
  const token = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
  const parts = token?.split('.') ?? [];
  if (parts.length !== 5 || parts[0] !== PREFIX) return 'invalid';
  const body = parts.slice(0, 4).join('.');
  if ((await mac(body, password)) !== parts[4]) return 'invalid';
  return Number(parts[1]) !== epoch || Number(parts[2]) <= Date.now() ? 'expired' : 'valid';
}
