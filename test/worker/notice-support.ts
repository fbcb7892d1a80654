/**
 * Helpers for the paid-order notice tests: waiting until every channel of an
 * order is delivered, reading the email exactly as the outbox handed it to
 * the `send_email` binding, and decoding it as a mail client would (RFC 2047
 * headers, base64 parts), so that the tests read what the merchant reads.
 */

import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { orderStub } from '../../worker/src/order-object';
import type { OrderSnapshot } from '../../worker/src/order-record';
import { EVERY_CHANNEL, eventually, snapshot } from './support';

/** Waits until each channel of the order has been delivered; returns its record then. */
export function everyChannelDelivered(transId: string): Promise<OrderSnapshot> {
  return eventually(async () => {
    const history = await snapshot(transId);
    const delivered = history.deliveries.filter((delivery) => delivery.deliveredAt !== null);
    return delivered.length === EVERY_CHANNEL.length ? history : undefined;
  });
}

/** The raw email the outbox stored for the order and sent through NOTICE_EMAIL. */
export async function storedEmail(transId: string): Promise<string> {
  return runInDurableObject(orderStub(env, transId), (_instance, state) => {
    const row = state.storage.sql.exec<{ body: string }>("SELECT body FROM deliveries WHERE channel = 'email'").toArray()[0];
    if (!row) throw new Error(`order ${transId} has no email notice`);
    return row.body;
  });
}

function decodeBase64(text: string): string {
  const binary = atob(text.replace(/\s+/g, ''));
  return new TextDecoder().decode(Uint8Array.from(binary, (character) => character.charCodeAt(0)));
}

export interface ReadEmail {
  readonly headers: ReadonlyMap<string, string>;
  readonly text: string;
  readonly html: string;
}

/** Unfolds and decodes the headers, and decodes the text and HTML parts of a multipart/alternative message. */
export function readEmail(raw: string): ReadEmail {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    const value = line
      .slice(colon + 1)
      .trim()
      // RFC 2047: the space between two encoded words is not text; a space next to plain text is.
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_match, encoded: string) => decodeBase64(encoded));
    headers.set(line.slice(0, colon).toLowerCase(), value);
  }
  const boundary = /boundary="([^"]+)"/.exec(headers.get('content-type') ?? '')?.[1] ?? '';
  const parts = rest
    .join('\r\n\r\n')
    .split(`--${boundary}`)
    .map((part) => part.split('\r\n\r\n'))
    .filter((part) => part.length === 2);
  const part = (type: string): string => {
    const found = parts.find(([partHead]) => partHead?.includes(`Content-Type: ${type}`));
    return found ? decodeBase64(found[1] ?? '') : '';
  };
  return { headers, text: part('text/plain'), html: part('text/html') };
}
