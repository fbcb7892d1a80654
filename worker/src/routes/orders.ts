/**
 * `GET /api/orders/:transId`: the public status of one order, polled by
 * `<cinetpay-status>` on the thank-you page. No phone, no signature, no
 * custom field: a transaction id is not a secret. The words the customer
 * reads come along, in the language the request asked for. Once paid, an
 * order whose product has a file also carries its signed download link.
 */

import { validateTransId } from '../../../shared/api/trans-id';
import { apiError } from '../api-error';
import { withDownload } from '../download-link';
import { orderMessage } from '../order-messages';
import { orderStub } from '../order-object';
import { overLimit } from '../rate-limit';
import { failure, json, type Reply } from '../reply';
import { requestLanguage } from '../request-language';
import type { RouteContext, RouteRequest } from '../route-context';

export async function orderStatus(request: RouteRequest, { env, config }: RouteContext): Promise<Reply> {
  const transId = validateTransId(request.params['transId'], 'transId');
  if (!transId.ok) return failure(apiError(transId.error.code, transId.error.message));
  if (await overLimit(env.LOOKUP_LIMIT, request)) return failure(apiError('RATE_LIMITED', 'Too many status requests from this client; wait a minute'));
  const delivery = await orderStub(env, transId.value).forDelivery();
  if (!delivery) return failure(apiError('ORDER_NOT_FOUND', 'No order has this transaction id'));
  const order = await withDownload(delivery, config);
  return json({ ...order, message: orderMessage(order, requestLanguage(request)) });
}
