/**
 * `application/x-www-form-urlencoded`, done properly. The guide's PHP
 * `postData` joins `key=value&...` without escaping, so a designation such as
 * `Café & thé = 5 000 F` splits into bogus fields. Here every key and value is
 * percent-encoded as UTF-8 (space as `+`), and decoding refuses what cannot be
 * read unambiguously: a repeated field, a broken percent escape.
 */

import { err, ok, type Result } from '../result';

export type FormDecodeError = { readonly code: 'DUPLICATE_FIELD'; readonly field: string } | { readonly code: 'MALFORMED_ENCODING'; readonly field: string };

/** Encodes the defined fields of a record, in its key order; `undefined` values are left out. */
export function encodeForm(fields: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeComponent(key)}=${encodeComponent(value)}`)
    .join('&');
}

/**
 * The WHATWG urlencoded serializer: everything but `*-._` and ASCII
 * alphanumerics is percent-encoded, space becomes `+`. A lone surrogate,
 * which UTF-8 cannot carry, becomes U+FFFD as it does in URLSearchParams.
 */
function encodeComponent(text: string): string {
  return encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'))
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

function decodeComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * Decodes a form body into a record of strings. A field given twice is an
 * error, not "last wins": a notification with two `cpm_trans_id`s is
 * ambiguous and must not be guessed at.
 */
export function decodeForm(body: string): Result<Record<string, string>, FormDecodeError> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  if (body === '') return ok(fields);
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const rawKey = equals === -1 ? pair : pair.slice(0, equals);
    const rawValue = equals === -1 ? '' : pair.slice(equals + 1);
    const key = decodeComponent(rawKey);
    const value = decodeComponent(rawValue);
    if (key === undefined || value === undefined) return err({ code: 'MALFORMED_ENCODING', field: key ?? rawKey.slice(0, 40) });
    if (Object.hasOwn(fields, key)) return err({ code: 'DUPLICATE_FIELD', field: key });
    fields[key] = value;
  }
  return ok(fields);
}
