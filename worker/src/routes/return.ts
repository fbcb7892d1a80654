/**
 * `return_url` and `cancel_url`. CinetPay sends the customer back here, by
 * GET or by POST (a static site cannot take a POST; the Worker can). The
 * body is ignored. If the order is still PENDING, it is checked once with
 * `checkPayStatus` first, since the customer often arrives before the
 * notification; then 303 to the merchant's page for the order's status,
 * with `?trans_id=&status=&lang=` (the language the customer paid in).
 */

import type { OrderStatus } from '../../../shared/checkout-api';
import { validateTransId } from '../../../shared/validate';
import type { Language } from '../../../shared/wire';
import { apiError } from '../api-error';
import type { Pages } from '../config';
import { orderStub } from '../order-object';
import type { CheckSource } from '../order-record';
import { failure, type Reply, redirect } from '../reply';
import type { RouteContext } from '../route-context';

const PAGE_BY_STATUS: Readonly<Record<OrderStatus, keyof Pages>> = {
  ACCEPTED: 'success',
  PENDING: 'pending',
  REFUSED: 'failure',
  CANCELLED: 'cancel',
};

function toShop(request: Request, page: string, transId: string, status: OrderStatus | 'NOT_FOUND', lang?: Language): Reply {
  const target = new URL(page, new URL(request.url).origin);
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
  if (!order) return toShop(request, config.pages.failure, transId.value, 'NOT_FOUND');
  let status = order.status;
  if (status === 'PENDING') {
    const checked = await stub.verify(source);
    if (checked.ok) status = checked.value.order.status;
  }
  const page = source === 'cancel' && status !== 'ACCEPTED' ? config.pages.cancel : config.pages[PAGE_BY_STATUS[status]];
  return toShop(request, page, transId.value, status, order.lang);
}

/** `GET|POST /return?trans_id=...` */
export function returnToShop(request: Request, context: RouteContext): Promise<Reply> {
  return comeBack(request, context, 'return');
}

/** `GET|POST /cancel?trans_id=...` */
export function cancelToShop(request: Request, context: RouteContext): Promise<Reply> {
  return comeBack(request, context, 'cancel');
}
