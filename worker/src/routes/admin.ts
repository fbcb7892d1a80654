/**
 * `/admin/*`, behind `Authorization: Bearer ADMIN_TOKEN`: list orders (from
 * the KV index, so possibly a minute behind), read one order's full record
 * and history (from its Durable Object, always current), re-check it with
 * CinetPay, and read the merchant's balance and transaction history.
 */

import { ORDER_STATUSES, type OrderStatus } from '../../../shared/checkout-api';
import { isoDayToHistoryDate, parseHistoryDate } from '../../../shared/dates';
import { err, ok, type Result } from '../../../shared/result';
import { validatePhone, validateTransId } from '../../../shared/validate';
import type { HistoryFilters } from '../../../shared/wire';
import { isAuthorized } from '../admin-auth';
import { type ApiError, apiError, errorResponse, upstreamError } from '../api-error';
import { CinetpayClient } from '../cinetpay-client';
import type { Config } from '../config';
import { isIndexMetadata, ORDER_PREFIX } from '../order-index';
import { orderStub, type RouteContext } from '../route-context';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

type ParamsRequest = Request & { params: Record<string, string | undefined> };

function json(value: unknown): Response {
  return Response.json(value, { headers: { 'cache-control': 'no-store' } });
}

function client(config: Config): CinetpayClient {
  return new CinetpayClient({ baseUrl: config.apiUrl, apikey: config.apikey, siteId: config.siteId, timeoutMs: config.timeoutMs });
}

/** Runs before every admin route; answers 401 unless the bearer token matches. */
export async function requireAdmin(request: Request, { config }: RouteContext): Promise<Response | undefined> {
  if (await isAuthorized(request, config.adminToken)) return undefined;
  const response = errorResponse(apiError('UNAUTHORIZED', 'Send Authorization: Bearer <ADMIN_TOKEN>'));
  response.headers.set('www-authenticate', 'Bearer');
  return response;
}

function pageSize(value: string | null): Result<number, ApiError> {
  if (value === null) return ok(DEFAULT_PAGE_SIZE);
  const size = /^\d{1,4}$/.test(value) ? Number(value) : 0;
  return size >= 1 && size <= MAX_PAGE_SIZE ? ok(size) : err(apiError('INVALID_QUERY', `limit must be an integer from 1 to ${MAX_PAGE_SIZE}`));
}

/** `GET /admin/orders?status=&limit=&cursor=`: a page of the index; a status filter may leave a page short. */
export async function listOrders(request: Request, { env }: RouteContext): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const status = query.get('status');
  if (status !== null && !(ORDER_STATUSES as readonly string[]).includes(status)) {
    return errorResponse(apiError('INVALID_QUERY', `status must be one of ${ORDER_STATUSES.join(', ')}`));
  }
  const limit = pageSize(query.get('limit'));
  if (!limit.ok) return errorResponse(limit.error);
  const cursor = query.get('cursor');
  const page = await env.ORDER_INDEX.list({ prefix: ORDER_PREFIX, limit: limit.value, ...(cursor ? { cursor } : {}) });
  const orders = page.keys
    .filter((key) => isIndexMetadata(key.metadata) && (status === null || key.metadata.status === (status as OrderStatus)))
    .map((key) => ({ transId: key.name.slice(ORDER_PREFIX.length), ...(isIndexMetadata(key.metadata) ? key.metadata : {}) }));
  return json({ orders, cursor: page.list_complete ? null : page.cursor });
}

/** `GET /admin/orders/:transId`: the full record, its transitions, notifications and deliveries. */
export async function getOrder(request: ParamsRequest, { env }: RouteContext): Promise<Response> {
  const transId = validateTransId(request.params['transId'], 'transId');
  if (!transId.ok) return errorResponse(apiError(transId.error.code, transId.error.message));
  const snapshot = await orderStub(env, transId.value).snapshot();
  return snapshot ? json(snapshot) : errorResponse(apiError('ORDER_NOT_FOUND', 'No order has this transaction id'));
}

/** `POST /admin/orders/:transId/recheck`: asks CinetPay again and applies the verdict. */
export async function recheckOrder(request: ParamsRequest, { env }: RouteContext): Promise<Response> {
  const transId = validateTransId(request.params['transId'], 'transId');
  if (!transId.ok) return errorResponse(apiError(transId.error.code, transId.error.message));
  const outcome = await orderStub(env, transId.value).verify('admin');
  if (outcome.ok) return json(outcome.value);
  switch (outcome.error.kind) {
    case 'not_found':
      return errorResponse(apiError('ORDER_NOT_FOUND', 'No order has this transaction id'));
    case 'configuration':
      return errorResponse(apiError('CONFIGURATION_ERROR', 'The Worker is misconfigured; see /healthz'));
    case 'upstream':
      return errorResponse(upstreamError(outcome.error.error, 503));
  }
}

/** `GET /admin/balance`: `getCompteStatus`. */
export async function balance(_request: Request, { config }: RouteContext): Promise<Response> {
  const answer = await client(config).getCompteStatus();
  return answer.ok ? json(answer.value) : errorResponse(upstreamError(answer.error, 502));
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

/** `GET /admin/transactions?from=&to=&payId=&phone=&transId=&page=&perPage=`: `getTransHistory`. */
export async function transactions(request: Request, { config }: RouteContext): Promise<Response> {
  const filters: Partial<Record<keyof HistoryFilters, string>> = {};
  for (const [name, value] of new URL(request.url).searchParams) {
    const parse = FILTERS[name];
    if (!parse) return errorResponse(apiError('INVALID_QUERY', `Unknown filter ${JSON.stringify(name.slice(0, 40))}; use ${Object.keys(FILTERS).join(', ')}`));
    const parsed = parse(value, name);
    if (!parsed.ok) return errorResponse(parsed.error);
    filters[parsed.value[0]] = parsed.value[1];
  }
  const answer = await client(config).getTransHistory(filters);
  return answer.ok ? json({ transactions: answer.value }) : errorResponse(upstreamError(answer.error, 502));
}
