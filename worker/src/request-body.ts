/**
 * Reading request bodies safely: a size cap enforced while streaming (a
 * missing or lying Content-Length cannot get past it), the media type
 * checked before anything is read, and JSON or form bodies turned into plain
 * records. Every failure is an `ApiError` with a stable code.
 */

import { decodeForm } from '../../shared/cinetpay/form-encoding';
import { isRecord } from '../../shared/is-record';
import { err, ok, type Result } from '../../shared/result';
import { type ApiError, apiError } from './api-error';

export type BodyResult<T> = Result<T, ApiError>;

/** The media type without parameters, lower-cased: `application/json; charset=utf-8` -> `application/json`. */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The body as UTF-8 text, refused past `maxBytes`. */
export async function readText(request: Request, maxBytes: number): Promise<BodyResult<string>> {
  const tooLarge = apiError('PAYLOAD_TOO_LARGE', `The body must not exceed ${maxBytes} bytes`);
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return err(tooLarge);
  if (!request.body) return ok('');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return err(tooLarge);
      }
      chunks.push(value);
    }
  } catch {
    return err(apiError('INVALID_BODY', 'The body could not be read to its end'));
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return ok(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return err(apiError('INVALID_BODY', 'The body is not valid UTF-8'));
  }
}

/** A JSON object body (`application/json`), refused if it holds a key outside `allowed`. */
export async function readJsonObject(request: Request, maxBytes: number, allowed: readonly string[]): Promise<BodyResult<Record<string, unknown>>> {
  if (mediaType(request) !== 'application/json') {
    return err(apiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json'));
  }
  const value = await readJsonRecord(request, maxBytes);
  if (!value.ok) return value;
  const unknown = Object.keys(value.value).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    return err(apiError('UNKNOWN_FIELD', `Unknown field ${JSON.stringify(unknown.slice(0, 40))}; expected some of: ${allowed.join(', ')}`));
  }
  return value;
}

/** A body that must be one JSON object, whatever its declared type; its keys are not checked. */
export async function readJsonRecord(request: Request, maxBytes: number): Promise<BodyResult<Record<string, unknown>>> {
  const body = await readText(request, maxBytes);
  if (!body.ok) return body;
  let value: unknown;
  try {
    value = JSON.parse(body.value);
  } catch {
    return err(apiError('INVALID_JSON', 'The body is not valid JSON'));
  }
  return isRecord(value) ? ok(value) : err(apiError('INVALID_BODY', 'The body must be a JSON object'));
}

/** A form body, urlencoded or multipart, as a record of strings; a field given twice is refused. */
export async function readForm(request: Request, maxBytes: number): Promise<BodyResult<Record<string, string>>> {
  const type = mediaType(request);
  if (type === 'application/x-www-form-urlencoded') {
    const body = await readText(request, maxBytes);
    if (!body.ok) return body;
    const decoded = decodeForm(body.value);
    // A plain object, not decodeForm's prototype-less one: it crosses RPC to the Order object, which must clone it.
    if (decoded.ok) return ok(Object.fromEntries(Object.entries(decoded.value)));
    const reason = decoded.error.code === 'DUPLICATE_FIELD' ? 'is given more than once' : 'has a malformed percent-encoding';
    return err(apiError('INVALID_BODY', `The field ${JSON.stringify(decoded.error.field.slice(0, 40))} ${reason}`));
  }
  if (type === 'multipart/form-data') {
    const declared = Number(request.headers.get('content-length') ?? 'NaN');
    if (!(declared <= maxBytes)) return err(apiError('PAYLOAD_TOO_LARGE', `The body must not exceed ${maxBytes} bytes, with a Content-Length`));
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return err(apiError('INVALID_BODY', 'The multipart body cannot be read'));
    }
    const fields: Record<string, string> = {};
    for (const name of new Set(form.keys())) {
      const values = form.getAll(name);
      const [value] = values;
      if (values.length !== 1 || typeof value !== 'string')
        return err(apiError('INVALID_BODY', `The field ${JSON.stringify(name.slice(0, 40))} must be given once, as text`));
      fields[name] = value;
    }
    return ok(fields);
  }
  return err(apiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/x-www-form-urlencoded'));
}
