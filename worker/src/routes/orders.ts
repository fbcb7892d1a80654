/**
 * `GET /api/orders/:transId`: the public status of one order, polled by
 * `<cinetpay-status>` on the thank-you page. No phone, no signature, no
 * custom field: a transaction id is not a secret. The words the customer
 * reads come along, in the language the request asked for.
 */

import { validateTransId } from '../../../shared/api/trans-id';
import { apiError } from '../api-error';
import { orderMessage } from '../order-messages';
import { orderStub } from '../order-object';
import { overLimit } from '../rate-limit';
import { failure, json, type Reply } from '../reply';
import { requestLanguage } from '../request-language';
import type { RouteContext, RouteRequest } from '../route-context';

export async function orderStatus(request: RouteRequest, { env }: RouteContext): Promise<Reply> {
  const transId = validateTransId(request.params['transId'], 'transId');
  if (!transId.ok) return failure(apiError(transId.error.code, transId.error.message));
  if (await overLimit(env.LOOKUP_LIMIT, request)) return failure(apiError('RATE_LIMITED', 'Too many status requests from this client; wait a minute'));
  const order = await orderStub(env, transId.value).view();
  return order
    ? json({ ...order, message: orderMessage(order, requestLanguage(request)) })
    : failure(apiError('ORDER_NOT_FOUND', 'No order has this transaction id'));
}
