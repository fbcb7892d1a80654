/**
 * Standard Webhooks signatures for our outgoing `order.paid` events:
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. The
 * secret is written `whsec_<base64>` and the HMAC key is the decoded bytes,
 * as the Standard Webhooks specification and its libraries say, so a
 * merchant's receiver built on any of them accepts our deliveries.
 * `verifyWebhook` is what a merchant's receiver runs (and our tests do).
 */

const encoder = new TextEncoder();
/** How far a receiver accepts a timestamp from its own clock, as the Standard Webhooks libraries do. */
export const TIMESTAMP_TOLERANCE_S = 5 * 60;
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** The Standard Webhooks specification asks for 24 to 64 random bytes. */
export const MIN_WEBHOOK_SECRET_BYTES = 24;
/** Padded, standard-alphabet base64: what every Standard Webhooks library decodes. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Why a secret cannot be used; never carries the secret itself. */
export type WebhookSecretProblem = 'missing_prefix' | 'not_base64' | 'too_short';

/**
 * The HMAC key of a `whsec_<base64>` secret, or why there is none. At least
 * {@link MIN_WEBHOOK_SECRET_BYTES} bytes: a shorter key is guessable.
 */
export function decodeWebhookSecret(
  secret: string,
): { readonly ok: true; readonly key: Uint8Array } | { readonly ok: false; readonly problem: WebhookSecretProblem } {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) return { ok: false, problem: 'missing_prefix' };
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (encoded === '' || !BASE64.test(encoded)) return { ok: false, problem: 'not_base64' };
  const key = Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0));
  return key.length < MIN_WEBHOOK_SECRET_BYTES ? { ok: false, problem: 'too_short' } : { ok: true, key };
}

function secretKey(secret: string): Uint8Array {
  const decoded = decodeWebhookSecret(secret);
  // The message names the rule, never the secret: it may end up in a log.
  if (!decoded.ok)
    throw new TypeError(
      `A webhook secret must be "${WEBHOOK_SECRET_PREFIX}" followed by the base64 of at least ${MIN_WEBHOOK_SECRET_BYTES} bytes (${decoded.problem})`,
    );
  return decoded.key;
}

function toBase64(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)));
}

async function hmac(secret: string, content: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', secretKey(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toBase64(await crypto.subtle.sign('HMAC', key, encoder.encode(content)));
}

export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * The three headers for one delivery attempt of `body`; the id stays the same
 * across retries. `secret` is a `whsec_` secret (the configuration checks it);
 * any other value throws a `TypeError`.
 */
export async function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): Promise<WebhookHeaders> {
  const timestamp = String(timestampSeconds);
  const signature = await hmac(secret, `${id}.${timestamp}.${body}`);
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let difference = left.length ^ right.length;
  for (let i = 0; i < Math.max(left.length, right.length); i++) difference |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return difference === 0;
}

/**
 * True if one of the `v1,` signatures in the header is valid for this body
 * and the timestamp is within tolerance of `nowSeconds`. Pass the raw body,
 * byte for byte: a re-serialized JSON never verifies. A secret that is not
 * `whsec_<base64>` throws a `TypeError`.
 */
export async function verifyWebhook(secret: string, headers: Headers, body: string, nowSeconds: number): Promise<boolean> {
  const id = headers.get('webhook-id');
  const timestamp = headers.get('webhook-timestamp');
  const signatures = headers.get('webhook-signature');
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > TIMESTAMP_TOLERANCE_S) return false;
  const expected = `v1,${await hmac(secret, `${id}.${timestamp}.${body}`)}`;
  return signatures.split(' ').some((candidate) => constantTimeEqual(candidate, expected));
}
