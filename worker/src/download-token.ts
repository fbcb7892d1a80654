/**
 * Download tokens: the proof, carried in a download link's `?token=`, that
 * this Worker issued the link for this order and until when. A token is
 * `<expiry in Unix seconds>.<base64url HMAC-SHA256>` over the transaction id
 * and that expiry, keyed by DOWNLOAD_SECRET, so it cannot be moved to another
 * order nor stretched in time. Verification is a short pipeline of named
 * steps with an injectable clock; the MAC is compared in constant time.
 */

import { err, ok, type Result } from '../../shared/result';

/** Why a token is refused; the page the customer sees says which, but never how to forge one. */
export type TokenProblem = 'malformed' | 'forged' | 'expired';

const TOKEN = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;
const encoder = new TextEncoder();

function base64url(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** What the MAC covers: a purpose label (so no other HMAC of ours can pass for a token), the order, the expiry. */
function message(transId: string, expiresAtS: number): Uint8Array {
  return encoder.encode(`cinetpay-edge download\n${transId}\n${expiresAtS}`);
}

async function mac(secret: string, transId: string, expiresAtS: number): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', key, message(transId, expiresAtS));
}

/** A token for `transId` that stops working at `expiresAt`. */
export async function signDownloadToken(secret: string, transId: string, expiresAt: Date): Promise<string> {
  const expiresAtS = Math.floor(expiresAt.getTime() / 1000);
  return `${expiresAtS}.${base64url(await mac(secret, transId, expiresAtS))}`;
}

/** The token's expiry if it is well formed, was issued for `transId` with `secret`, and has not expired at `now`. */
export async function verifyDownloadToken(secret: string, transId: string, token: string, now: Date = new Date()): Promise<Result<Date, TokenProblem>> {
  const parts = TOKEN.exec(token);
  if (!parts) return err('malformed');
  const expiresAtS = Number(parts[1]);
  const expected = encoder.encode(base64url(await mac(secret, transId, expiresAtS)));
  const given = encoder.encode(parts[2] ?? '');
  // Same length by the pattern above, which timingSafeEqual requires; the comparison itself leaks nothing.
  if (expected.byteLength !== given.byteLength || !crypto.subtle.timingSafeEqual(expected, given)) return err('forged');
  // Checked after the MAC: an attacker learns nothing about expiry from a token they could not have made.
  if (expiresAtS * 1000 <= now.getTime()) return err('expired');
  return ok(new Date(expiresAtS * 1000));
}

/** When a paid order's downloads stop: `ttlMs` after its payment. */
export function downloadExpiry(paidAt: string, ttlMs: number): Date {
  return new Date(Date.parse(paidAt) + ttlMs);
}

/** The link a customer follows: `/download/:transId?token=…`, on the Worker's public origin. */
export async function downloadUrl(publicUrl: string, secret: string, transId: string, expiresAt: Date): Promise<string> {
  const url = new URL(`/download/${transId}`, publicUrl);
  url.searchParams.set('token', await signDownloadToken(secret, transId, expiresAt));
  return url.toString();
}
