/**
 * The widget's side of the HTTP contract in `shared/api/contract.ts`: three
 * calls to the Worker, each answer decoded from `unknown` by
 * `shared/api/decode.ts`, every failure reduced to one stable error code (the
 * Worker's own, CinetPay's carried through, `NETWORK_ERROR` when nothing
 * answered, `INVALID_RESPONSE` when something answered that is not our API)
 * and, when the Worker gave one, its customer message. Each request names
 * the element's language in `Accept-Language` (a header a page may set
 * without a CORS preflight), so the Worker's words come in that language.
 * Nothing here touches the DOM.
 */

import type { ApiErrorCode, CheckoutRequest, CinetpayErrorCode, PublicOrderAnswer } from '../../shared/api/contract';
import { type Checkout, decodeCheckout, decodeError, decodeOrder } from '../../shared/api/decode';
import type { Language } from '../../shared/cinetpay/wire';
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
  /** The Worker's text for the customer, in the language the request asked for. */
  readonly customerMessage?: string;
}

const CHECKOUT_TIMEOUT_MS = 30_000;
const STATUS_TIMEOUT_MS = 10_000;

/** `text` (resolved against `base`) as a URL, if it is a web page: never `javascript:`, `data:` or `file:`. */
function webUrl(text: string, base?: string): URL | undefined {
  try {
    const url = new URL(text, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `https://pay.example.com` + `api/checkout` -> `https://pay.example.com/api/checkout`.
 * A relative endpoint (`/`) resolves against `base` (the page's URL), so a
 * shop served by the Worker itself can write `endpoint="/"`.
 */
export function apiUrl(endpoint: string, path: string, base: string): URL | undefined {
  const root = endpoint.trim() === '' ? undefined : webUrl(endpoint, base);
  if (!root) return undefined;
  if (!root.pathname.endsWith('/')) root.pathname += '/';
  return webUrl(path, root.href);
}

/** Our error body, `{"error":{"code","message"}}`, from a failed answer; else a code for its status. */
function failure(body: unknown, status: number): ApiFailure {
  const error = decodeError(body);
  return error ? { ...error, status } : { code: codeForStatus(status), status };
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

/** The checkout answer, with `action` made absolute; `undefined` unless the form, which navigates the whole page, goes to a web page. */
function decodeCheckoutForm(body: unknown): Checkout | undefined {
  const checkout = decodeCheckout(body);
  const action = checkout && webUrl(checkout.action);
  return checkout && action ? { ...checkout, action: action.href } : undefined;
}

function headers(lang: Language): Record<string, string> {
  return { accept: 'application/json', 'accept-language': lang };
}

/** `POST {endpoint}/api/checkout`. */
export function startCheckout(url: URL, request: CheckoutRequest, lang: Language): Promise<Result<Checkout, ApiFailure>> {
  const init = { method: 'POST', headers: { ...headers(lang), 'content-type': 'application/json' }, body: JSON.stringify(request) };
  return call(url, init, decodeCheckoutForm, CHECKOUT_TIMEOUT_MS);
}

/** `GET {endpoint}/api/products`, as a JSON object: each button decodes the one price it needs (`decodeProductPrice`). */
export function fetchProducts(url: URL): Promise<Result<Readonly<Record<string, unknown>>, ApiFailure>> {
  return call(url, { headers: { accept: 'application/json' } }, (body) => (isRecord(body) ? body : undefined), STATUS_TIMEOUT_MS);
}

/** `GET {endpoint}/api/orders/:transId`, its words in `lang`; `signal` cancels it (the element left the page). */
export function fetchOrder(url: URL, lang: Language, signal: AbortSignal): Promise<Result<PublicOrderAnswer, ApiFailure>> {
  return call(url, { headers: headers(lang) }, decodeOrder, STATUS_TIMEOUT_MS, signal);
}
