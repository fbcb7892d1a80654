/**
 * Proof that a v2 notification comes from CinetPay: its `x-token` header must
 * be the HMAC-SHA256 (hex), keyed with the merchant's secret key, of the
 * `cpm_*` values in the order CinetPay documents (shared/cinetpay/v2-wire.ts),
 * compared in constant time. A valid token only says who sent the body; the
 * order is still decided by `payment/check` alone.
 */

import { xTokenMessage } from '../../shared/cinetpay/v2-wire';

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** The hex HMAC-SHA256 of the notification's fields under `secretKey`. */
export async function computeXToken(fields: Readonly<Record<string, string | undefined>>, secretKey: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secretKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(xTokenMessage(fields)));
  return [...new Uint8Array(mac)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** True when `token` is the x-token of these fields; a missing or malformed one is false without computing anything. */
export async function validXToken(fields: Readonly<Record<string, string | undefined>>, token: string | null, secretKey: string): Promise<boolean> {
  if (token === null || !HEX_SHA256.test(token) || secretKey === '') return false;
  const expected = new TextEncoder().encode(await computeXToken(fields, secretKey));
  const given = new TextEncoder().encode(token.toLowerCase());
  return given.byteLength === expected.byteLength && crypto.subtle.timingSafeEqual(given, expected);
}
