/**
 * `return_url` and `cancel_url`. CinetPay sends the customer back here, by
 * GET or by POST (a static site cannot take a POST; the Worker can). The
 * body is ignored. An order that is not ACCEPTED is checked first (a verdict
 * a few seconds old will do), since the customer often arrives before the
 * notification, and a REFUSED first attempt may have been paid since; then
 * 303 to the merchant's page for the order's status, with
 * `?trans_id=&status=&lang=` (the language the customer paid in), on the
 * Worker's PUBLIC_URL, never the request's Host. A client over its rate
 * limit is still sent on, by the stored status, without a check.
 */

import type { OrderStatus } from '../../../shared/api/contract';
import { validateTransId } from '../../../shared/api/trans-id';
import type { Language } from '../../../shared/cinetpay/wire';
import { apiError } from '../api-error';
import type { Pages } from '../config';
import { orderStub } from '../order-object';
import type { CheckSource } from '../order-record';
import { overLimit } from '../rate-limit';
import { failure, type Reply, redirect } from '../reply';
import type { RouteContext } from '../route-context';

const PAGE_BY_STATUS: Readonly<Record<OrderStatus, keyof Pages>> = {
  ACCEPTED: 'success',
  PENDING: 'pending',
  REFUSED: 'failure',
  CANCELLED: 'cancel',
};

function toShop(publicUrl: string, page: string, transId: string, status: OrderStatus | 'NOT_FOUND', lang?: Language): Reply {
  const target = new URL(page, publicUrl);
  target.searchParams.set('trans_id', transId);
  target.searchParams.set('status', status);
  if (lang) target.searchParams.set('lang', lang);
  return redirect(target.toString());
}

async function comeBack(request: Request, { env, config }: RouteContext, source: Extract<CheckSource, 'return' | 'cancel'>): Promise<Reply> {
  const transId = validateTransId(new URL(request.url).searchParams.get('trans_id') ?? undefined, 'trans_id');
  if (!transId.ok) return failure(apiError(transId.error.code, transId.error.message));
  const stub = orderStub(env, transId.value);
  const order = await stub.view();
  if (!order) return toShop(config.publicUrl, config.pages.failure, transId.value, 'NOT_FOUND');
  let status = order.status;
  if (status !== 'ACCEPTED' && !(await overLimit(env.LOOKUP_LIMIT, request))) {
    const checked = await stub.verify(source);
    if (checked.ok) status = checked.value.order.status;
  }
  const page = source === 'cancel' && status !== 'ACCEPTED' ? config.pages.cancel : config.pages[PAGE_BY_STATUS[status]];
  return toShop(config.publicUrl, page, transId.value, status, order.lang);
}

/** `GET|POST /return?trans_id=...` */
export function returnToShop(request: Request, context: RouteContext): Promise<Reply> {
  return comeBack(request, context, 'return');
}

/** `GET|POST /cancel?trans_id=...` */
export function cancelToShop(request: Request, context: RouteContext): Promise<Reply> {
  return comeBack(request, context, 'cancel');
}
