/**
 * `notify_url`. CinetPay POSTs here after a payment, possibly several times
 * and concurrently, and GETs it to check that it is up. Only the transaction
 * id (`cpm_trans_id`, or the 2026 API's `merchant_transaction_id`), v1/v2's
 * `cpm_site_id` and the 2026 `notify_token` are read from the body, form or
 * JSON. The order, which knows the generation it was created with, checks
 * the proof: a v2 order's notification must come with a valid `x-token`
 * (x-token.ts), a 2026 order's with its own `notify_token`, compared in
 * constant time; else 401 and nothing changes.
 * v1 has no such proof. Either way the order's Durable Object asks the
 * payment service (`checkPayStatus`, `payment/check`, the 2026 status) and
 * decides: a valid token proves who sent the body, never that anything was
 * paid. An upstream failure answers 503 and changes nothing, so that CinetPay
 * (or the order's own re-check schedule) tries again.
 */

import { validateTransId } from '../../../shared/api/trans-id';
import { X_TOKEN_HEADER } from '../../../shared/cinetpay/v2-wire';
import { ok } from '../../../shared/result';
import { apiError, verifyFailure } from '../api-error';
import { logEvent } from '../log-event';
import { orderStub } from '../order-object';
import { overLimit } from '../rate-limit';
import { failure, json, type Reply } from '../reply';
import { type BodyResult, mediaType, readForm, readJsonRecord } from '../request-body';
import type { RouteContext } from '../route-context';

const MAX_BODY_BYTES = 16_384;

/** `GET /notify`: the availability check. */
export function notifyPing(): Reply {
  return json({ ok: true });
}

/** A JSON object's text and number values, as a form's fields: the 2026 API may post JSON. */
async function readJsonFields(request: Request): Promise<BodyResult<Record<string, string>>> {
  const value = await readJsonRecord(request, MAX_BODY_BYTES);
  if (!value.ok) return value;
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(value.value)) {
    if (typeof field === 'string' || typeof field === 'number') fields[name] = String(field);
  }
  return ok(fields);
}

/** `POST /notify`. */
export async function notify(request: Request, { env, config }: RouteContext): Promise<Reply> {
  const asJson = mediaType(request) === 'application/json';
  const form = asJson ? await readJsonFields(request) : await readForm(request, MAX_BODY_BYTES);
  if (!form.ok) return failure(form.error);
  // The 2026 API names our transaction id merchant_transaction_id and sends no site id.
  const from2026 = form.value['cpm_trans_id'] === undefined && form.value['merchant_transaction_id'] !== undefined;
  if (asJson && !from2026) return failure(apiError('UNSUPPORTED_MEDIA_TYPE', 'Only a 2026 notification may be JSON; v1 and v2 notifications are forms'));
  const transId = validateTransId(from2026 ? form.value['merchant_transaction_id'] : form.value['cpm_trans_id']);
  if (!transId.ok) return failure(apiError(transId.error.code, transId.error.message));
  if (!from2026 && form.value['cpm_site_id'] !== config.siteId) {
    logEvent('notify_refused', { transId: transId.value, code: 'FOREIGN_SITE_ID' }, 'warn');
    return failure(apiError('FOREIGN_SITE_ID', 'This notification is for another site'));
  }
  // Per client and order: CinetPay's notifier sends for many orders, and is never refused for another order's flood.
  if (await overLimit(env.NOTIFY_LIMIT, request, transId.value)) {
    return failure(apiError('RATE_LIMITED', 'Too many notifications for this order from this client; wait a minute'));
  }
  // The order knows the generation it was created with, and so which proof its notifications need (orders in flight after a move keep working).
  const outcome = await orderStub(env, transId.value).verify('notify', {
    fields: form.value,
    xToken: request.headers.get(X_TOKEN_HEADER),
    // Only a notification shaped for the 2026 API carries one; any other shape has none to show.
    notifyToken: from2026 ? (form.value['notify_token'] ?? '') : null,
  });
  if (!outcome.ok) {
    const error = verifyFailure(outcome.error);
    logEvent('notify_refused', { transId: transId.value, code: error.code, detail: error.message }, 'warn');
    return failure(error);
  }
  const { order } = outcome.value;
  return json({ transId: order.transId, status: order.status });
}
