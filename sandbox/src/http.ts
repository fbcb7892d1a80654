/**
 * The sandbox's non-HTML answers in one place: the CinetPay API's JSON
 * (`{"status":{"code","message"}}` for an Annexe I error, 200 like the live
 * service), the control API's JSON and its `{"error":{"code","message"}}`
 * errors, and reading a control request's JSON body.
 */

import { responseCode } from '../../shared/cinetpay/response-codes';
import type { ErrorResponse } from '../../shared/cinetpay/wire';
import { err, ok, type Result } from '../../shared/result';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } as const;

/** Largest control body read: control requests are a few fields. */
const MAX_JSON_BYTES = 64 * 1024;

/** An API answer: JSON, HTTP 200 unless said otherwise, whatever it says (the guide says to JSON-decode every answer). */
export function apiJson(body: unknown, httpStatus = 200): Response {
  return new Response(JSON.stringify(body), { status: httpStatus, headers: JSON_HEADERS });
}

/** `{"status":{"code":"609","message":"AUTH_NOT_FOUND"}}` for an Annexe I code. */
export function apiStatus(code: string, httpStatus = 200): Response {
  const body: ErrorResponse = { status: { code, message: responseCode(code)?.message ?? 'UNKNOWN_ERROR' } };
  return apiJson(body, httpStatus);
}

export function controlJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body, null, 2), { status, headers: JSON_HEADERS });
}

/** A control API error: `{"error":{"code","message"}}` with a 4xx status. */
export function controlError(status: number, code: string, message: string): Response {
  return controlJson({ error: { code, message } }, status);
}

/** Reads a JSON body; an empty body reads as `{}` so that every field can take its default. */
export async function readJson(request: Request): Promise<Result<unknown, Response>> {
  const text = new TextDecoder().decode(await request.arrayBuffer());
  if (text.length > MAX_JSON_BYTES) return err(controlError(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${MAX_JSON_BYTES} bytes`));
  if (text.trim() === '') return ok({});
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return err(controlError(400, 'INVALID_JSON', 'The body is not valid JSON'));
  }
}
