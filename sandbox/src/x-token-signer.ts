/**
 * How the sandbox signs a v2 notification, as CinetPay does: the `x-token`
 * header is HMAC-SHA256 (hex), keyed with the merchant's secret key, over the
 * `cpm_*` values in CinetPay's documented order (shared/cinetpay/v2-wire.ts).
 * Written apart from the Worker's verifier, so that the two check each other.
 */

import { xTokenMessage } from '../../shared/cinetpay/v2-wire';

/** The `x-token` header of a v2 notification. */
export async function signXToken(fields: Readonly<Record<string, string>>, secretKey: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secretKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(xTokenMessage(fields)));
  return Array.from(new Uint8Array(mac), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
