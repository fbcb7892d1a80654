/**
 * Standard Webhooks signatures for our outgoing `order.paid` events:
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. A
 * secret written `whsec_<base64>` is used as the decoded bytes, as the
 * Standard Webhooks libraries do; any other secret as its UTF-8 bytes.
 * `verifyWebhook` is what a merchant's receiver runs (and our tests do).
 */

const encoder = new TextEncoder();
/** How far a receiver accepts a timestamp from its own clock, as the Standard Webhooks libraries do. */
export const TIMESTAMP_TOLERANCE_S = 5 * 60;

function secretBytes(secret: string): Uint8Array {
  if (secret.startsWith('whsec_')) {
    const binary = atob(secret.slice('whsec_'.length));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  }
  return encoder.encode(secret);
}

function toBase64(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)));
}

async function hmac(secret: string, content: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', secretBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toBase64(await crypto.subtle.sign('HMAC', key, encoder.encode(content)));
}

export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** The three headers for one delivery attempt of `body`; the id stays the same across retries. */
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
 * byte for byte: a re-serialized JSON never verifies.
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
