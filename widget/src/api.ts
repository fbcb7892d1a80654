/**
 * The widget's side of the HTTP contract in `shared/api/contract.ts`: three
 * calls to the Worker, each answer parsed from `unknown` and every failure
 * reduced to one stable error code (the Worker's own, CinetPay's carried
 * through, `NETWORK_ERROR` when nothing answered, `INVALID_RESPONSE` when
 * something answered that is not our API). Nothing here touches the DOM.
 */

import type { ApiErrorCode, CheckoutRequest, CinetpayErrorCode, OrderStatus, ProductsResponse, PublicOrder, PublicProduct } from '../../shared/api/contract';
import { ORDER_STATUSES } from '../../shared/api/contract';
import { CURRENCIES, type Currency } from '../../shared/cinetpay/wire';
import { isRecord } from '../../shared/is-record';
import { err, ok, type Result } from '../../shared/result';

/**
 * Codes only the widget produces: the Worker answered something that is not
 * our API (`INVALID_RESPONSE`), or the page's Content-Security-Policy
 * blocked the form POST to the payment page (`FORM_ACTION_BLOCKED`).
 */
export type WidgetErrorCode = 'INVALID_RESPONSE' | 'FORM_ACTION_BLOCKED';

/** Every code a `cinetpay-error` event can carry. */
export type ErrorCode = ApiErrorCode | CinetpayErrorCode | WidgetErrorCode;

export interface ApiFailure {
  readonly code: ErrorCode;
  /** The HTTP status, 0 when nothing answered. */
  readonly status: number;
  /** The Worker's English message, for developers; never shown to customers. */
  readonly message?: string;
}

/** What the element posts to the hosted payment page. */
export interface Checkout {
  readonly transId: string;
  readonly action: string;
  readonly fields: Readonly<Record<string, string>>;
}

const CHECKOUT_TIMEOUT_MS = 30_000;
const STATUS_TIMEOUT_MS = 10_000;

/**
 * `https://pay.example.com` + `api/checkout` -> `https://pay.example.com/api/checkout`.
 * A relative endpoint (`/`) resolves against `base` (the page's URL), so a
 * shop served by the Worker itself can write `endpoint="/"`.
 */
export function apiUrl(endpoint: string, path: string, base: string): URL | undefined {
  if (endpoint.trim() === '') return undefined;
  try {
    const root = new URL(endpoint, base);
    if (root.protocol !== 'https:' && root.protocol !== 'http:') return undefined;
    if (!root.pathname.endsWith('/')) root.pathname += '/';
    return new URL(path, root);
  } catch {
    return undefined;
  }
}

/** Our error body, `{"error":{"code","message"}}`, from a failed answer. */
function failure(body: unknown, status: number): ApiFailure {
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : {};
  const { code, message } = error;
  // The set is open-ended (CinetPay's codes are carried through), so any well-formed code is kept as is.
  if (typeof code !== 'string' || !/^[A-Z0-9_]{1,80}$/.test(code)) return { code: codeForStatus(status), status };
  return typeof message === 'string' ? { code: code as ErrorCode, status, message } : { code: code as ErrorCode, status };
}

/** The code for an answer without our error body: a proxy's 502 page, a 429 from a firewall. */
function codeForStatus(status: number): ErrorCode {
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'UPSTREAM_UNAVAILABLE';
  return 'INVALID_RESPONSE';
}

/**
 * One request with a deadline; `signal` (optional) cancels it sooner. Built
 * by hand: AbortSignal.timeout() and AbortSignal.any() would raise the
 * browsers we support to Safari 16 / 17.4.
 */
async function call<T>(
  url: URL,
  init: RequestInit,
  parse: (body: unknown) => T | undefined,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Result<T, ApiFailure>> {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  const timer = setTimeout(abort, timeoutMs);
  signal?.addEventListener('abort', abort);
  try {
    let response: Response;
    try {
      response = await fetch(url, { credentials: 'omit', cache: 'no-store', ...init, signal: controller.signal });
    } catch {
      return err({ code: 'NETWORK_ERROR', status: 0 });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (!response.ok) return err(failure(body, response.status));
    const parsed = parse(body);
    return parsed === undefined ? err({ code: 'INVALID_RESPONSE', status: response.status }) : ok(parsed);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
}

function parseCheckout(body: unknown): Checkout | undefined {
  if (!isRecord(body) || !isRecord(body['fields'])) return undefined;
  const { transId, action, method } = body;
  if (typeof transId !== 'string' || typeof action !== 'string' || method !== 'POST') return undefined;
  let target: URL;
  try {
    target = new URL(action);
  } catch {
    return undefined;
  }
  // The form navigates the whole page: only to a web page, never to `javascript:` or `data:`.
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return undefined;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body['fields'])) {
    if (typeof value !== 'string') return undefined;
    fields[name] = value;
  }
  return { transId, action: target.href, fields };
}

function isCurrency(value: unknown): value is Currency {
  return CURRENCIES.some((currency) => currency === value);
}

function parseProduct(value: unknown): PublicProduct | undefined {
  if (!isRecord(value)) return undefined;
  const { id, amount, currency, designation } = value;
  if (typeof id !== 'string' || typeof amount !== 'number' || typeof designation !== 'string' || !isCurrency(currency)) return undefined;
  return { id, amount, currency, designation };
}

function parseProducts(body: unknown): ProductsResponse | undefined {
  if (!isRecord(body) || !Array.isArray(body['products'])) return undefined;
  const products: PublicProduct[] = [];
  for (const item of body['products']) {
    const product = parseProduct(item);
    if (!product) return undefined;
    products.push(product);
  }
  return { products };
}

function isOrderStatus(value: unknown): value is OrderStatus {
  return ORDER_STATUSES.some((status) => status === value);
}

function stringOrNull(value: unknown): string | null | undefined {
  return typeof value === 'string' || value === null ? value : undefined;
}

function parseOrder(body: unknown): PublicOrder | undefined {
  if (!isRecord(body)) return undefined;
  const { transId, status, amount, currency, designation } = body;
  const paidAt = stringOrNull(body['paidAt'] ?? null);
  const paymentMethod = stringOrNull(body['paymentMethod'] ?? null);
  const resultCode = stringOrNull(body['resultCode'] ?? null);
  const lang = body['lang'] === 'en' ? 'en' : 'fr';
  if (
    typeof transId !== 'string' ||
    !isOrderStatus(status) ||
    typeof amount !== 'number' ||
    !isCurrency(currency) ||
    typeof designation !== 'string' ||
    paidAt === undefined ||
    paymentMethod === undefined ||
    resultCode === undefined
  ) {
    return undefined;
  }
  return { transId, status, amount, currency, designation, lang, paidAt, paymentMethod, resultCode };
}

/** `POST {endpoint}/api/checkout`. */
export function startCheckout(url: URL, request: CheckoutRequest): Promise<Result<Checkout, ApiFailure>> {
  const init = { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(request) };
  return call(url, init, parseCheckout, CHECKOUT_TIMEOUT_MS);
}

/** `GET {endpoint}/api/products`. */
export function fetchProducts(url: URL): Promise<Result<ProductsResponse, ApiFailure>> {
  return call(url, { headers: { accept: 'application/json' } }, parseProducts, STATUS_TIMEOUT_MS);
}

/** `GET {endpoint}/api/orders/:transId`; `signal` cancels it (the element left the page). */
export function fetchOrder(url: URL, signal: AbortSignal): Promise<Result<PublicOrder, ApiFailure>> {
  return call(url, { headers: { accept: 'application/json' } }, parseOrder, STATUS_TIMEOUT_MS, signal);
}
