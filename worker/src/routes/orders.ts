/**
 * `GET /api/orders/:transId`: the public status of one order, polled by
 * `<cinetpay-status>` on the thank-you page. No phone, no signature, no
 * custom field: a transaction id is not a secret.
 */

import { validateTransId } from '../../../shared/validate';
import { apiError, errorResponse } from '../api-error';
import { corsHeaders } from '../cors';
import { orderStub, type RouteContext } from '../route-context';

export async function orderStatus(request: Request & { params: Record<string, string | undefined> }, { env, config }: RouteContext): Promise<Response> {
  const cors = corsHeaders(request, config);
  const transId = validateTransId(request.params['transId'], 'transId');
  if (!transId.ok) return errorResponse(apiError(transId.error.code, transId.error.message), cors);
  const order = await orderStub(env, transId.value).view();
  if (!order) return errorResponse(apiError('ORDER_NOT_FOUND', 'No order has this transaction id'), cors);
  return Response.json(order, { headers: { ...cors, 'cache-control': 'no-store' } });
}
