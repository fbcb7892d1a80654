/**
 * The paid-order notice as an email message (RFC 5322 with MIME), for the
 * `send_email` binding, which takes the raw message: a plain-text and an
 * HTML alternative, both UTF-8 in base64, and a Subject and sender name as
 * RFC 2047 encoded words, since designations and shop names are French.
 * The Message-ID is one per order, so that a mail client shows a message
 * sent twice (a retry after a lost answer) as one.
 */

import { noticeHtml, noticeText, type PaidOrderNotice } from './paid-order-notice';

export interface EmailEnvelope {
  readonly from: string;
  readonly to: string;
  /** The sender's display name: the shop's name. */
  readonly fromName: string;
}

/** RFC 2045: base64 lines of at most 76 characters. */
const BASE64_LINE_LENGTH = 76;
/** RFC 2047: an encoded word is at most 75 characters; 45 bytes of UTF-8 make 60 of base64, plus 12 of `=?UTF-8?B?...?=`. */
const ENCODED_WORD_BYTES = 45;

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function base64Body(text: string): string {
  const encoded = base64(new TextEncoder().encode(text.replace(/\r?\n/g, '\r\n')));
  const lines: string[] = [];
  for (let index = 0; index < encoded.length; index += BASE64_LINE_LENGTH) lines.push(encoded.slice(index, index + BASE64_LINE_LENGTH));
  return lines.join('\r\n');
}

/** A header value as encoded words, split between characters (never inside one) and folded. Plain ASCII stays as it is. */
function encodedWords(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const encoder = new TextEncoder();
  const words: string[] = [];
  let chunk = '';
  for (const character of text) {
    if (encoder.encode(chunk + character).length > ENCODED_WORD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += character;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${base64(encoder.encode(word))}?=`).join('\r\n ');
}

/** `Sun, 29 Nov 2026 09:14:00 +0000`: RFC 5322's date, in UTC. */
function rfc5322Date(iso: string): string {
  return new Date(iso).toUTCString().replace(/GMT$/, '+0000');
}

/** The raw message. `transId` names the Message-ID and the MIME boundary (its characters are safe in both). */
export function noticeEmail(notice: PaidOrderNotice, envelope: EmailEnvelope, transId: string, sentAt: string): string {
  const domain = envelope.from.slice(envelope.from.lastIndexOf('@') + 1);
  // `=_` never occurs in base64, so no part can contain the boundary.
  const boundary = `=_notice_${transId}`;
  const senderName = envelope.fromName.replace(/["\\\r\n]/g, '');
  const headers = [
    `From: ${/^[\x20-\x7e]*$/.test(senderName) ? `"${senderName}"` : encodedWords(senderName)} <${envelope.from}>`,
    `To: <${envelope.to}>`,
    `Subject: ${encodedWords(notice.subject)}`,
    `Date: ${rfc5322Date(sentAt)}`,
    `Message-ID: <notice.${transId}@${domain}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const part = (type: string, body: string): string =>
    [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', base64Body(body)].join('\r\n');
  return [...headers, '', part('text/plain', noticeText(notice)), part('text/html', noticeHtml(notice).value), `--${boundary}--`, ''].join('\r\n');
}
