/**
 * The console's calls to the Worker's `/admin/*`, on its own origin: the
 * session cookie goes along by itself (it is HttpOnly: no script here ever
 * sees it or the token once signed in). Every call answers a value, never
 * throws: the data, or the error code the Worker sent (`NETWORK_ERROR` when
 * no answer came), which the views turn into words.
 */

import type { OrderDetail, OrderPage, Overview, PaymentLinksResponse, Reconciliation } from '../../shared/api/admin';
import type { BalanceResponse } from '../../shared/cinetpay/wire';

/** Fired on `window` when the Worker refuses the session (expired, or the token was rotated): the console shows the sign-in form again. */
export const SESSION_LOST_EVENT = 'cinetpay-console-session-lost';

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: string; readonly status: number };

async function call<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch {
    return { ok: false, code: 'NETWORK_ERROR', status: 0 };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401 && !path.startsWith('/admin/session')) window.dispatchEvent(new Event(SESSION_LOST_EVENT));
  if (response.ok) return { ok: true, value: body as T };
  const code =
    typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error !== null && 'code' in body.error
      ? String(body.error.code)
      : `HTTP_${response.status}`;
  return { ok: false, code, status: response.status };
}

export function signIn(token: string): Promise<ApiResult<{ readonly expiresAt: string }>> {
  return call('/admin/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
}

export function signOut(): Promise<ApiResult<unknown>> {
  return call('/admin/session', { method: 'DELETE' });
}

export function sessionStatus(): Promise<ApiResult<{ readonly signedIn: boolean }>> {
  return call('/admin/session');
}

/** `query` holds the filters and `cursor`, as the orders view keeps them in its URL. */
export function listOrders(query: URLSearchParams): Promise<ApiResult<OrderPage>> {
  return call(`/admin/orders?${query}`);
}

export function csvUrl(query: URLSearchParams): string {
  const filters = new URLSearchParams(query);
  filters.delete('cursor');
  filters.delete('limit');
  return `/admin/orders.csv?${filters}`;
}

export function getOrder(transId: string): Promise<ApiResult<OrderDetail>> {
  return call(`/admin/orders/${encodeURIComponent(transId)}`);
}

export function recheck(transId: string): Promise<ApiResult<unknown>> {
  return call(`/admin/orders/${encodeURIComponent(transId)}/recheck`, { method: 'POST' });
}

export function resend(transId: string): Promise<ApiResult<unknown>> {
  return call(`/admin/orders/${encodeURIComponent(transId)}/resend`, { method: 'POST' });
}

export function getOverview(): Promise<ApiResult<Overview>> {
  return call('/admin/overview');
}

export function getBalance(): Promise<ApiResult<BalanceResponse>> {
  return call('/admin/balance');
}

/** CinetPay's transactions beside the orders for the days `from` to `to` (`YYYY-MM-DD`, UTC). */
export function getReconciliation(from: string, to: string): Promise<ApiResult<Reconciliation>> {
  return call(`/admin/reconciliation?${new URLSearchParams({ from, to })}`);
}

/** Each product's payment link and QR code. */
export function getPaymentLinks(): Promise<ApiResult<PaymentLinksResponse>> {
  return call('/admin/products');
}
