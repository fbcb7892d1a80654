/**
 * `GET /admin/reconciliation?from=YYYY-MM-DD&to=YYYY-MM-DD`: CinetPay's
 * transactions for the range (the provider's `transactions()`, as
 * `/admin/transactions` reads them, with the same history filters) beside
 * our order index's rows for the same days, compared by reconciliation.ts.
 * It finds what the Worker never learnt (a payment whose notification was
 * lost and not yet healed by the order's schedule) and what CinetPay does
 * not list. The range is required: a comparison needs both sides whole, so
 * CinetPay's paging (`page`, `perPage`) is refused. Both sides select by the
 * UTC day of creation. The index may be a moment behind an order's object
 * (it is written by the object's alarm), so an order CinetPay reports paid
 * and the index does not show ACCEPTED is read from its object, always
 * current, before it is flagged: a re-check's result shows at once.
 */

import type { IndexedOrder } from '../../../shared/api/admin';
import type { HistoryFilters, TransactionRecord } from '../../../shared/cinetpay/wire';
import { err, ok, type Result } from '../../../shared/result';
import { type ApiError, apiError, providerFailure } from '../api-error';
import { orderStub } from '../order-object';
import { parseSelection, selectPages } from '../order-query';
import { paymentProvider } from '../payment-providers';
import { reconcile } from '../reconciliation';
import { failure, json, type Reply } from '../reply';
import type { RouteContext } from '../route-context';
import { parseHistoryFilters } from './admin';

/** More orders than this in the range: the merchant chooses a shorter one. */
const MAX_ORDERS = 20_000;

/** The index's filters that mean the same on both sides; the payer's number (checked as CinetPay's filter) is matched by its last four digits, all the index keeps. */
function indexQuery(query: URLSearchParams, filters: HistoryFilters): URLSearchParams {
  const selected = new URLSearchParams();
  for (const name of ['from', 'to', 'transId', 'payId'] as const) {
    const value = query.get(name);
    if (value !== null) selected.set(name, value);
  }
  if (filters.cel_phone_num !== undefined) selected.set('phone', filters.cel_phone_num.slice(-4));
  return selected;
}

function requiredDays(query: URLSearchParams): Result<{ readonly from: string; readonly to: string }, ApiError> {
  const from = query.get('from');
  const to = query.get('to');
  if (from === null || to === null) return err(apiError('INVALID_QUERY', 'from and to are required, YYYY-MM-DD'));
  if (from > to) return err(apiError('INVALID_QUERY', 'from must not be after to'));
  return ok({ from, to });
}

/** `GET /admin/reconciliation?from=&to=&payId=&phone=&transId=`: both sides for the days, compared. */
export async function reconciliation(request: Request, { env, config }: RouteContext): Promise<Reply> {
  const query = new URL(request.url).searchParams;
  const filters = parseHistoryFilters(query, ['page', 'perPage']);
  if (!filters.ok) return failure(filters.error);
  const selection = parseSelection(indexQuery(query, filters.value), false);
  if (!selection.ok) return failure(selection.error);
  const days = requiredDays(query);
  if (!days.ok) return failure(days.error);
  const orders: IndexedOrder[] = [];
  for await (const page of selectPages(env.ORDER_DB, selection.value, MAX_ORDERS + 1)) orders.push(...page.orders);
  if (orders.length > MAX_ORDERS) return failure(apiError('INVALID_QUERY', `More than ${MAX_ORDERS} orders in this range; choose a shorter one`));
  const history = await paymentProvider(config).transactions(filters.value);
  if (!history.ok) return failure(providerFailure(history.error, 'request'));
  return json(reconcile(days.value.from, days.value.to, history.value, await current(env, history.value, orders)));
}

/** At most this many index rows are refreshed from their objects per reconciliation. */
const MAX_REFRESHED = 100;

/** The index rows, with those CinetPay reports paid and the index not ACCEPTED refreshed from their objects. */
async function current(env: Env, records: readonly TransactionRecord[], orders: readonly IndexedOrder[]): Promise<IndexedOrder[]> {
  const paid = new Set(records.filter((record) => record.cpm_result === '00').map((record) => record.cpm_trans_id));
  const stale = orders.filter((order) => order.status !== 'ACCEPTED' && paid.has(order.transId)).slice(0, MAX_REFRESHED);
  const views = new Map(await Promise.all(stale.map(async (order) => [order.transId, await orderStub(env, order.transId).view()] as const)));
  return orders.map((order) => {
    const view = views.get(order.transId);
    return view ? { ...order, status: view.status, paidAt: view.paidAt, paymentMethod: view.paymentMethod, resultCode: view.resultCode } : order;
  });
}
