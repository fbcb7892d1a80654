/**
 * The HTTP calls the benchmarks make, each timed from the start of the
 * request to the last byte of the answer (Node's fetch, keep-alive, on
 * loopback): the Worker's checkout, notify, return and status routes, the
 * sandbox's CinetPay API called directly (the baseline each Worker figure is
 * divided by), and the sandbox's control API that plays the customer on the
 * hosted page. Bodies are built from the shared protocol modules, so the
 * direct calls send exactly what the Worker's CinetPay client sends.
 */

import type { CheckoutResponse, OrderStatus } from '../shared/api/contract';
import { formatTransDate } from '../shared/cinetpay/dates';
import { encodeForm } from '../shared/cinetpay/form-encoding';
import { API_VERSION, type Notification, PAGE_ACTION, PAYMENT_CONFIG, type PaymentForm } from '../shared/cinetpay/wire';
import { isRecord } from '../shared/is-record';

/** The sandbox's fixed, public credentials (sandbox/wrangler.toml). */
export const SANDBOX_APIKEY = 'sandbox-apikey-not-a-secret';
export const SANDBOX_SITE_ID = '445160';
/** The Worker's `[env.sandbox]` admin token, public like the rest of that environment. */
export const SANDBOX_ADMIN_TOKEN = 'sandbox-admin-token';
/** The catalog product the benchmarks buy, and what the Worker signs for it (wrangler.toml `[env.sandbox.vars.CATALOG.tshirt-m]`). */
export const PRODUCT = { id: 'tshirt-m', amount: 5000, currency: 'CFA', designation: 'T-shirt CinetPay (M)' } as const;

export interface Timed<T> {
  readonly ms: number;
  readonly status: number;
  readonly value: T;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' } as const;
/** Longer than the Worker's own upstream timeout (10 s), so that its answer, not ours, decides. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * One request, timed. A network failure (the stack went away, a reload of
 * `wrangler dev`) is not thrown: it comes back as status 0 with `failed`, so
 * that the run goes on and reports it among the failures.
 */
export async function timed<T>(url: string, init: RequestInit, read: (response: Response, text: string) => T, failed: T): Promise<Timed<T>> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    return { ms: performance.now() - started, status: response.status, value: read(response, text) };
  } catch {
    return { ms: performance.now() - started, status: 0, value: failed };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** v1's form to post, or v2's page to open. */
function isCheckoutResponse(value: unknown): value is CheckoutResponse {
  if (!isRecord(value) || typeof value['transId'] !== 'string' || typeof value['action'] !== 'string') return false;
  return value['method'] === 'GET' || isRecord(value['fields']);
}

/**
 * A distinct client address per request (10.x.y.z from a counter). The
 * checkout route limits each `cf-connecting-ip` to 60 checkouts a minute; a
 * benchmark from one address would measure the limiter, not the Worker.
 */
export function clientIp(n: number): string {
  return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** A source of fresh client addresses, shared by every phase of a run. */
export function ipCounter(): () => string {
  let n = 1;
  return () => clientIp(n++);
}

/** A trans id shaped like the Worker's (milliseconds and six random digits), unique within a run. */
export function freshTransId(): string {
  return `${Date.now()}${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;
}

/** `POST {worker}/api/checkout {"product":"tshirt-m"}`: the signed form, or `null` with the status when refused. */
export function checkout(workerUrl: string, ip: string): Promise<Timed<CheckoutResponse | null>> {
  return timed(
    `${workerUrl}/api/checkout`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
      body: JSON.stringify({ product: PRODUCT.id }),
    },
    (_response, text) => {
      const body = parseJson(text);
      return isCheckoutResponse(body) ? body : null;
    },
    null,
  );
}

/**
 * `GET {worker}/healthz`: the control, a trivial route through the same
 * runtime (wrangler's proxy, workerd, the router, the configuration check)
 * that does no I/O: what any request to the local Worker costs.
 */
export function control(workerUrl: string): Promise<Timed<boolean>> {
  return timed(`${workerUrl}/healthz`, {}, (response) => response.status === 200, false);
}

/**
 * `POST {sandbox}/v1/?method=getSignatureByPost`, directly: the same fields
 * the Worker's client sends for the same product, with a fresh trans id.
 * The answer is a JSON string (the signature) or `{"status":{...}}`.
 */
export function signatureDirect(sandboxUrl: string): Promise<Timed<boolean>> {
  const fields: Record<string, string> = {
    cpm_amount: String(PRODUCT.amount),
    cpm_currency: PRODUCT.currency,
    cpm_trans_id: freshTransId(),
    cpm_trans_date: formatTransDate(new Date()),
    cpm_payment_config: PAYMENT_CONFIG,
    cpm_page_action: PAGE_ACTION,
    cpm_version: API_VERSION,
    cpm_language: 'fr',
    cpm_designation: PRODUCT.designation,
    cpm_custom: '',
    cpm_site_id: SANDBOX_SITE_ID,
    apikey: SANDBOX_APIKEY,
  };
  return timed(
    `${sandboxUrl}/v1/?method=getSignatureByPost`,
    { method: 'POST', headers: FORM, body: encodeForm(fields) },
    (_response, text) => typeof parseJson(text) === 'string',
    false,
  );
}

/** `POST {sandbox}/v1/?method=checkPayStatus` directly: the call the Worker makes for each notification it verifies. */
export function checkPayStatusDirect(sandboxUrl: string, transId: string): Promise<Timed<string | null>> {
  const body = encodeForm({ apikey: SANDBOX_APIKEY, cpm_site_id: SANDBOX_SITE_ID, cpm_trans_id: transId });
  return timed(
    `${sandboxUrl}/v1/?method=checkPayStatus`,
    { method: 'POST', headers: FORM, body },
    (_response, text) => {
      const answer = parseJson(text);
      const transaction = isRecord(answer) ? answer['transaction'] : undefined;
      const result = isRecord(transaction) ? transaction['cpm_result'] : undefined;
      return typeof result === 'string' ? result : null;
    },
    null,
  );
}

/** The customer's browser posting the signed form to the hosted page (`action`); 200 means the page accepted it. */
export function postHostedForm(action: string, fields: PaymentForm): Promise<Timed<null>> {
  const record: Record<string, string | undefined> = { ...fields };
  return timed(action, { method: 'POST', headers: FORM, body: encodeForm(record) }, () => null, null);
}

/** `POST {sandbox}/__sandbox/transactions/:id/outcome`: the customer pays; the sandbox sends `notifications` copies itself. */
export function chooseOutcome(sandboxUrl: string, transId: string, notifications: number): Promise<Timed<null>> {
  return timed(
    `${sandboxUrl}/__sandbox/transactions/${encodeURIComponent(transId)}/outcome`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'success', paymentMethod: 'OM', notifications }),
    },
    () => null,
    null,
  );
}

/** The body CinetPay POSTs to notify_url for a paid order (guide 3.2), as the sandbox builds it. */
export function notificationBody(form: PaymentForm): string {
  const fields: Notification = {
    cpm_trans_id: form.cpm_trans_id,
    cpm_amount: form.cpm_amount,
    cpm_currency: form.cpm_currency,
    cpm_site_id: form.cpm_site_id,
    cpm_language: form.cpm_language,
    cpm_version: form.cpm_version,
    cpm_payment_config: form.cpm_payment_config,
    cpm_page_action: form.cpm_page_action,
    cpm_custom: form.cpm_custom ?? '',
    payment_method: 'OM',
    signature: form.signature,
    cel_phone_num: '0700000001',
    cpm_phone_prefixe: '225',
  };
  return encodeForm({ ...fields });
}

/** What `/notify` answered: the order's status, or the error code of `{"error":{"code"}}`. */
export interface NotifyAnswer {
  readonly orderStatus: OrderStatus | null;
  readonly errorCode: string | null;
}

function errorCodeOf(body: unknown): string | null {
  const error = isRecord(body) ? body['error'] : undefined;
  const code = isRecord(error) ? error['code'] : undefined;
  return typeof code === 'string' ? code : null;
}

/** `POST {worker}/notify`; `headers` carries v2's x-token. */
export function notify(workerUrl: string, body: string, headers: Readonly<Record<string, string>> = {}): Promise<Timed<NotifyAnswer>> {
  return timed(
    `${workerUrl}/notify`,
    { method: 'POST', headers: { ...FORM, ...headers }, body },
    (_response, text) => {
      const answer = parseJson(text);
      // Not our JSON error (e.g. the runtime's own 503): keep the start of the body, it says who answered.
      return { orderStatus: statusOf(answer), errorCode: errorCodeOf(answer) ?? (answer === undefined ? `body ${JSON.stringify(text.slice(0, 40))}` : null) };
    },
    { orderStatus: null, errorCode: 'NETWORK_ERROR' },
  );
}

function statusOf(body: unknown): OrderStatus | null {
  const status = isRecord(body) ? body['status'] : undefined;
  return status === 'PENDING' || status === 'ACCEPTED' || status === 'REFUSED' || status === 'CANCELLED' ? status : null;
}

/**
 * `GET {worker}/return?trans_id=` from the customer's address `ip`: the
 * `status` the 303 sends the customer to, or `null`. Like the status poll, it
 * counts against LOOKUP_LIMIT (120 a minute per address), so each customer
 * of a sample needs its own address.
 */
export function returnToShop(workerUrl: string, transId: string, ip: string): Promise<Timed<string | null>> {
  return timed(
    `${workerUrl}/return?trans_id=${encodeURIComponent(transId)}`,
    { method: 'GET', headers: { 'cf-connecting-ip': ip } },
    (response) => {
      const location = response.headers.get('location');
      return location === null ? null : new URL(location, workerUrl).searchParams.get('status');
    },
    null,
  );
}

/** `GET {worker}/api/orders/:transId` from the customer's address `ip`: what `<cinetpay-status>` polls on the thank-you page; `bytes` is the answer's length. */
export function orderStatus(workerUrl: string, transId: string, ip: string): Promise<Timed<{ readonly status: OrderStatus | null; readonly bytes: number }>> {
  return timed(
    `${workerUrl}/api/orders/${encodeURIComponent(transId)}`,
    { method: 'GET', headers: { 'cf-connecting-ip': ip } },
    (_response, text) => ({
      status: statusOf(parseJson(text)),
      bytes: new TextEncoder().encode(text).byteLength,
    }),
    { status: null, bytes: 0 },
  );
}

/** What an Order object recorded about its notifications and its event (from `GET /admin/orders/:transId`). */
export interface OrderAudit {
  readonly notifications: number;
  /** Transitions into ACCEPTED: must be 1. */
  readonly acceptances: number;
  /** Delivery attempts of the order.paid event, as the object counts them. */
  readonly deliveryAttempts: number;
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `GET {worker}/admin/orders/:transId` with the sandbox admin token; `null` if the answer is not a snapshot. */
export async function orderAudit(workerUrl: string, transId: string): Promise<OrderAudit | null> {
  const answer = await timed(
    `${workerUrl}/admin/orders/${encodeURIComponent(transId)}`,
    {
      headers: { authorization: `Bearer ${SANDBOX_ADMIN_TOKEN}` },
    },
    (_response, text) => parseJson(text),
    undefined,
  );
  const body = answer.value;
  if (answer.status !== 200 || !isRecord(body)) return null;
  const notifications = listOf(body['notifications']);
  return {
    notifications: notifications.length,
    acceptances: listOf(body['transitions']).filter((entry) => isRecord(entry) && entry['to'] === 'ACCEPTED').length,
    deliveryAttempts: listOf(body['deliveries']).reduce<number>(
      (sum, entry) => sum + (isRecord(entry) && typeof entry['attempts'] === 'number' ? entry['attempts'] : 0),
      0,
    ),
  };
}

/** One `order.paid` delivery as the sandbox's receiver recorded it. */
export interface WebhookDelivery {
  readonly webhookId: string | null;
  readonly transId: string | null;
  readonly type: string | null;
  /** The status the receiver answered (200 unless a fault was armed). */
  readonly status: number;
}

function webhookOf(entry: unknown): WebhookDelivery | null {
  if (!isRecord(entry)) return null;
  const headers = isRecord(entry['headers']) ? entry['headers'] : {};
  const body = typeof entry['body'] === 'string' ? parseJson(entry['body']) : undefined;
  const data = isRecord(body) ? body['data'] : undefined;
  const webhookId = headers['webhook-id'];
  const transId = isRecord(data) ? data['transId'] : undefined;
  const type = isRecord(body) ? body['type'] : undefined;
  return {
    webhookId: typeof webhookId === 'string' ? webhookId : null,
    transId: typeof transId === 'string' ? transId : null,
    type: typeof type === 'string' ? type : null,
    status: typeof entry['status'] === 'number' ? entry['status'] : 0,
  };
}

/** `GET {sandbox}/__sandbox/webhook`: every delivery the receiver has recorded since the last reset. */
export async function webhookDeliveries(sandboxUrl: string): Promise<readonly WebhookDelivery[]> {
  const response = await fetch(`${sandboxUrl}/__sandbox/webhook`);
  const body = parseJson(await response.text());
  const list = isRecord(body) ? body['deliveries'] : undefined;
  if (!Array.isArray(list)) throw new Error(`GET /__sandbox/webhook answered ${response.status} without a deliveries list`);
  return list.flatMap((entry: unknown) => webhookOf(entry) ?? []);
}

/** `GET {sandbox}/__sandbox/stats`: how many `checkPayStatus` calls the sandbox has answered since it started. */
export async function checkPayStatusCalls(sandboxUrl: string, target: 'checkPayStatus' | 'payment/check' = 'checkPayStatus'): Promise<number> {
  const response = await fetch(`${sandboxUrl}/__sandbox/stats`);
  const body = parseJson(await response.text());
  const calls = isRecord(body) && isRecord(body['calls']) ? body['calls'][target] : undefined;
  if (typeof calls !== 'number') throw new Error(`GET /__sandbox/stats answered ${response.status} without a ${target} count`);
  return calls;
}
