/**
 * `notify_url`. CinetPay POSTs here after a payment, possibly several times
 * and concurrently, and GETs it to check that it is up. Only `cpm_trans_id`
 * and `cpm_site_id` are read from the body. An order created with CinetPay
 * v2 must come with a valid `x-token` (checked by the order, which knows its
 * generation), else 401 and nothing changes; v1 has no such proof. Either way the order's Durable Object asks
 * the payment service (`checkPayStatus`, `payment/check`) and decides: a valid
 * token proves who sent the body, never that anything was paid. An upstream
 * failure answers 503 and changes nothing, so that CinetPay (or the order's
 * own re-check schedule) tries again.
 */

import { validateTransId } from '../../../shared/api/trans-id';
import { X_TOKEN_HEADER } from '../../../shared/cinetpay/v2-wire';
import { apiError, verifyFailure } from '../api-error';
import { orderStub } from '../order-object';
import { overLimit } from '../rate-limit';
import { failure, json, type Reply } from '../reply';
import { readForm } from '../request-body';
import type { RouteContext } from '../route-context';

const MAX_BODY_BYTES = 16_384;

/** `GET /notify`: the availability check. */
export function notifyPing(): Reply {
  return json({ ok: true });
}

/** `POST /notify`. */
export async function notify(request: Request, { env, config }: RouteContext): Promise<Reply> {
  const form = await readForm(request, MAX_BODY_BYTES);
  if (!form.ok) return failure(form.error);
  const transId = validateTransId(form.value['cpm_trans_id']);
  if (!transId.ok) return failure(apiError(transId.error.code, transId.error.message));
  if (form.value['cpm_site_id'] !== config.siteId) {
    console.warn(`notify ${transId.value}: foreign site id; ignored`);
    return failure(apiError('FOREIGN_SITE_ID', 'This notification is for another site'));
  }
  // Per client and order: CinetPay's notifier sends for many orders, and is never refused for another order's flood.
  if (await overLimit(env.NOTIFY_LIMIT, request, transId.value)) {
    return failure(apiError('RATE_LIMITED', 'Too many notifications for this order from this client; wait a minute'));
  }
  // The order knows the generation it was created with, and so which proof its notifications need (v1 orders in flight after a move to v2 keep working).
  const outcome = await orderStub(env, transId.value).verify('notify', { fields: form.value, xToken: request.headers.get(X_TOKEN_HEADER) });
  if (!outcome.ok) {
    const error = verifyFailure(outcome.error);
    console.warn(`notify ${transId.value}: ${error.code} ${error.message}; order unchanged`);
    return failure(error);
  }
  const { order } = outcome.value;
  return json({ transId: order.transId, status: order.status });
}
