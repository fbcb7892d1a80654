/**
 * `notify_url`. CinetPay POSTs here after a payment, possibly several times
 * and concurrently, and GETs it to check that it is up. Only `cpm_trans_id`
 * and `cpm_site_id` are read from the body; the order's Durable Object asks
 * `checkPayStatus` and decides. An upstream failure answers 503 and changes
 * nothing, so that CinetPay (or the reconciliation cron) tries again.
 */

import { validateTransId } from '../../../shared/validate';
import { apiError, errorResponse, upstreamError } from '../api-error';
import { describeClientError } from '../cinetpay-client';
import { readForm } from '../request-body';
import { orderStub, type RouteContext } from '../route-context';

const MAX_BODY_BYTES = 16_384;

/** `GET /notify`: the availability check. */
export function notifyPing(): Response {
  return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
}

/** `POST /notify`. */
export async function notify(request: Request, { env, config }: RouteContext): Promise<Response> {
  const form = await readForm(request, MAX_BODY_BYTES);
  if (!form.ok) return errorResponse(form.error);
  const transId = validateTransId(form.value['cpm_trans_id']);
  if (!transId.ok) return errorResponse(apiError(transId.error.code, transId.error.message));
  if (form.value['cpm_site_id'] !== config.siteId) {
    console.warn(`notify ${transId.value}: foreign site id; ignored`);
    return errorResponse(apiError('FOREIGN_SITE_ID', 'This notification is for another site'));
  }
  const outcome = await orderStub(env, transId.value).verify('notify', form.value);
  if (!outcome.ok) {
    switch (outcome.error.kind) {
      case 'not_found':
        console.warn(`notify ${transId.value}: unknown order; ignored`);
        return errorResponse(apiError('ORDER_NOT_FOUND', 'No order has this cpm_trans_id'));
      case 'configuration':
        return errorResponse(apiError('CONFIGURATION_ERROR', 'The Worker is misconfigured; see /healthz'));
      case 'upstream':
        console.warn(`notify ${transId.value}: ${describeClientError(outcome.error.error)}; order unchanged`);
        return errorResponse(upstreamError(outcome.error.error, 503));
    }
  }
  const { order, previous } = outcome.value;
  console.log(`notify ${order.transId}: ${previous} -> ${order.status} (${order.resultCode ?? '-'})`);
  return Response.json({ transId: order.transId, status: order.status }, { headers: { 'cache-control': 'no-store' } });
}
