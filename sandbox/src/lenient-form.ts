/**
 * Reads a form-urlencoded body the way the live service did. CinetPay's PHP
 * SDK and the guide's `postData` join `key=value&...` without encoding, so a
 * `%` that does not start an escape (`Remise 10%`) is taken literally instead
 * of refusing the body. Everything else is the shared decoder's strict
 * reading: a broken UTF-8 escape or a repeated field is refused.
 */

import { decodeForm, type FormDecodeError } from '../../shared/cinetpay/form-encoding';
import { err, type Result } from '../../shared/result';

/** Far above any payment form; a larger body is refused before it is read. */
export const MAX_FORM_BYTES = 64 * 1024;

export type FormReadError = FormDecodeError | { readonly code: 'TOO_LARGE'; readonly field: string };

/** Decodes a body, taking a `%` not followed by two hex digits as a literal `%`. */
export function decodeLenientForm(body: string): Result<Record<string, string>, FormDecodeError> {
  return decodeForm(body.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
}

/** Reads and decodes a request's body as a form, whatever its declared content type (the live service did not look). */
export async function readLenientForm(request: Request): Promise<Result<Record<string, string>, FormReadError>> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_FORM_BYTES) return err({ code: 'TOO_LARGE', field: '' });
  // Decoded by hand: workerd warns when .text() reads a body whose type is not text/*.
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_FORM_BYTES) return err({ code: 'TOO_LARGE', field: '' });
  const body = new TextDecoder().decode(bytes);
  return decodeLenientForm(body);
}
