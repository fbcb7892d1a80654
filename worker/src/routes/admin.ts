/**
 * `/admin/*`, behind the admin credential (admin-auth.ts): read one order's full record
 * and timeline (from its Durable Object, always current), re-check it with
 * CinetPay, send its `order.paid` again, and read the merchant's balance and transaction history.
 */

import { validateTransId } from '../../../shared/api/trans-id';
import { isoDayToHistoryDate, parseHistoryDate } from '../../../shared/cinetpay/dates';
import { validatePhone } from '../../../shared/cinetpay/validate';
import type { HistoryFilters } from '../../../shared/cinetpay/wire';
import { err, ok, type Result } from '../../../shared/result';
import { type ApiError, apiError, providerFailure, verifyFailure } from '../api-error';
import { orderStub } from '../order-object';
import { timeline } from '../order-timeline';
import { paymentProvider } from '../payment-providers';
import { failure, json, type Reply } from '../reply';
import type { RouteContext, RouteRequest } from '../route-context';

/** `GET /admin/orders/:transId`: the full record, its transitions, notifications and deliveries. */
export async function getOrder(request: RouteRequest, { env }: RouteContext): Promise<Reply> {
  const transId = validateTransId(request.params['transId'], 'transId');
  if (!transId.ok) return failure(apiError(transId.error.code, transId.error.message));
  const snapshot = await orderStub(env, transId.value).snapshot();
  return snapshot ? json({ ...snapshot, timeline: timeline(snapshot) }) : failure(apiError('ORDER_NOT_FOUND', 'No order has this transaction id'));
}

/** `POST /admin/orders/:transId/resend`: sends `order.paid` again, with the same webhook-id and body. */
export async function resendPaid(request: RouteRequest, { env }: RouteContext): Promise<Reply> {
  const transId = validateTransId(request.params['transId'], 'transId');
  if (!transId.ok) return failure(apiError(transId.error.code, transId.error.message));
  const stub = orderStub(env, transId.value);
  if (!(await stub.view())) return failure(apiError('ORDER_NOT_FOUND', 'No order has this transaction id'));
  const resent = await stub.resendPaid();
  return resent.ok
    ? json({ delivery: resent.value })
    : failure(apiError('NOTHING_TO_RESEND', 'This order has no order.paid event: it is not paid, or no FULFILLMENT_WEBHOOK_URL was set when it was'));
}

/** `POST /admin/orders/:transId/recheck`: asks CinetPay again and applies the verdict. */
export async function recheckOrder(request: RouteRequest, { env }: RouteContext): Promise<Reply> {
  const transId = validateTransId(request.params['transId'], 'transId');
  if (!transId.ok) return failure(apiError(transId.error.code, transId.error.message));
  const outcome = await orderStub(env, transId.value).verify('admin');
  return outcome.ok ? json(outcome.value) : failure(verifyFailure(outcome.error));
}

/** `GET /admin/balance`: the merchant's balances (v1: `getCompteStatus`). */
export async function balance(_request: Request, { config }: RouteContext): Promise<Reply> {
  const answer = await paymentProvider(config).balance();
  return answer.ok ? json(answer.value) : failure(providerFailure(answer.error, 'request'));
}

/** A day as ISO (`2026-11-27`) or as the guide writes it (`27-11-2026`), converted to `jj-mm-aaaa`. */
function historyDay(value: string, name: string): Result<string, ApiError> {
  const converted = isoDayToHistoryDate(value) ?? (parseHistoryDate(value) ? value : undefined);
  return converted ? ok(converted) : err(apiError('INVALID_QUERY', `${name} must be a day, YYYY-MM-DD or DD-MM-YYYY`));
}

function positive(value: string, name: string): Result<string, ApiError> {
  return /^[1-9]\d{0,5}$/.test(value) ? ok(value) : err(apiError('INVALID_QUERY', `${name} must be a positive integer`));
}

const FILTERS: Readonly<Record<string, (value: string, name: string) => Result<[keyof HistoryFilters, string], ApiError>>> = {
  from: (value, name) => map(historyDay(value, name), 'date_debut'),
  to: (value, name) => map(historyDay(value, name), 'date_fin'),
  payId: (value, name) => (/^[\w.-]{1,64}$/.test(value) ? ok(['cpm_payid', value]) : err(apiError('INVALID_QUERY', `${name} is not a CinetPay payment id`))),
  phone: (value, name) => {
    const phone = validatePhone(value, name);
    return phone.ok ? ok(['cel_phone_num', phone.value]) : err(apiError('INVALID_QUERY', phone.error.message));
  },
  transId: (value, name) => {
    const transId = validateTransId(value, name);
    return transId.ok ? ok(['cpm_trans_id', transId.value]) : err(apiError('INVALID_QUERY', transId.error.message));
  },
  page: (value, name) => map(positive(value, name), 'numeropage'),
  perPage: (value, name) => map(positive(value, name), 'nbligne'),
};

function map(result: Result<string, ApiError>, key: keyof HistoryFilters): Result<[keyof HistoryFilters, string], ApiError> {
  return result.ok ? ok([key, result.value]) : result;
}

/**
 * The history filters `from, to, payId, phone, transId, page, perPage`, as
 * the guide's `getTransHistory` takes them; any other name is refused, and
 * so is any name in `refused` (a caller that cannot honour it).
 */
export function parseHistoryFilters(query: URLSearchParams, refused: readonly string[] = []): Result<HistoryFilters, ApiError> {
  const filters: Partial<Record<keyof HistoryFilters, string>> = {};
  const allowed = Object.keys(FILTERS).filter((name) => !refused.includes(name));
  for (const [name, value] of query) {
    const parse = allowed.includes(name) ? FILTERS[name] : undefined;
    if (!parse) return err(apiError('INVALID_QUERY', `Unknown filter ${JSON.stringify(name.slice(0, 40))}; use ${allowed.join(', ')}`));
    const parsed = parse(value, name);
    if (!parsed.ok) return parsed;
    filters[parsed.value[0]] = parsed.value[1];
  }
  return ok(filters);
}

/** `GET /admin/transactions?from=&to=&payId=&phone=&transId=&page=&perPage=`: the history (v1: `getTransHistory`). */
export async function transactions(request: Request, { config }: RouteContext): Promise<Reply> {
  const filters = parseHistoryFilters(new URL(request.url).searchParams);
  if (!filters.ok) return failure(filters.error);
  const answer = await paymentProvider(config).transactions(filters.value);
  return answer.ok ? json({ transactions: answer.value }) : failure(providerFailure(answer.error, 'request'));
}
