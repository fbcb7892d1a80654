/**
 * Helpers for the Worker's workerd tests. The test code runs inside the
 * Worker's isolate: `exports.default.fetch` calls the Worker, and a plain
 * `fetch` goes where the Worker's own outbound requests go — to the real
 * sandbox (an auxiliary Worker, see test/config/sandbox-aux-worker.ts), which
 * notifies the Worker back. Nothing here stubs CinetPay.
 */

import { listDurableObjectIds, runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { CheckoutRequest, CheckoutResponse, FormCheckoutResponse, PublicOrderAnswer } from '../../shared/api/contract';
import { decodeCheckout, decodeOrder } from '../../shared/api/decode';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import { Order } from '../../worker/src/order-object';
import type { OrderSnapshot } from '../../worker/src/order-record';

/** The origin the Worker believes it has; notify/return URLs point here, and the sandbox's fetches come back. */
export const WORKER = 'http://127.0.0.1:8787';
export const SANDBOX = 'http://127.0.0.1:8788';
export const SHOP_ORIGIN = 'http://127.0.0.1:8787';
export const ADMIN_TOKEN = env.ADMIN_TOKEN;
/** The sandbox environment's `whsec_` secret; optional in `Env`, since only a Worker that sends webhooks needs one. */
export const WEBHOOK_SECRET: string = sandboxWebhookSecret(env.WEBHOOK_SECRET);

function sandboxWebhookSecret(secret: string | undefined): string {
  if (!secret) throw new Error('WEBHOOK_SECRET is missing from [env.sandbox.vars] in wrangler.toml');
  return secret;
}
export const APIKEY = env.CINETPAY_APIKEY;

let clients = 0;

/**
 * A request to the Worker, from a client IP of its own unless the test names
 * one: the per-client rate limits are tested where they are meant, and never
 * refuse a test that merely shares the default client with the rest.
 */
export function worker(path: string, init?: RequestInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  if (!headers.has('cf-connecting-ip')) headers.set('cf-connecting-ip', `10.${200 + ((clients >> 16) % 50)}.${(clients >> 8) % 256}.${clients++ % 256}`);
  return exports.default.fetch(new Request(`${WORKER}${path}`, { ...init, headers }));
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return worker(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function admin(path: string, init: RequestInit = {}): Promise<Response> {
  return worker(path, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers } });
}

/** `POST /api/checkout`, expecting success, in whichever generation the Worker is configured for. */
export async function anyCheckout(body: CheckoutRequest = { product: 'tshirt-m' }): Promise<CheckoutResponse> {
  const response = await postJson('/api/checkout', body);
  expect(response.status, await response.clone().text()).toBe(200);
  const answer = await response.json<CheckoutResponse>();
  // What the widget reads of it: the shared decoder must take the Worker's answer whole.
  expect(decodeCheckout(answer)).toEqual(answer);
  return answer;
}

/** `POST /api/checkout` on v1, expecting success: the form to post. */
export async function checkout(body: CheckoutRequest = { product: 'tshirt-m' }): Promise<FormCheckoutResponse> {
  const answer = await anyCheckout(body);
  if (answer.method !== 'POST') throw new Error(`expected a v1 form, got method ${answer.method}`);
  return answer;
}

/** What the customer's browser does with the checkout answer: post the form to the hosted page. */
export async function postHostedForm(started: FormCheckoutResponse, overrides: Record<string, string> = {}): Promise<Response> {
  return fetch(started.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: encodeForm({ ...started.fields, ...overrides }),
  });
}

export async function sandbox<T>(path: string, init: { method?: string; body?: string } = {}): Promise<T> {
  const response = await fetch(`${SANDBOX}${path}`, {
    method: init.method ?? 'GET',
    ...(init.body === undefined ? {} : { body: init.body, headers: { 'content-type': 'application/json' } }),
  });
  expect(response.ok, `${path}: ${await response.clone().text()}`).toBe(true);
  return response.json<T>();
}

export type Outcome = 'success' | 'otp_error' | 'insufficient_balance' | 'pending' | 'cancel';

/** Chooses the customer's outcome on the hosted page; the sandbox notifies `notifications` times, concurrently. */
export async function pay(transId: string, outcome: Outcome = 'success', notifications = 1, paymentMethod = 'OM'): Promise<void> {
  await sandbox(`/__sandbox/transactions/${transId}/outcome`, {
    method: 'POST',
    body: JSON.stringify({ outcome, paymentMethod, notifications }),
  });
}

/** Checkout, hosted form, outcome: a whole payment. */
export async function paidOrder(outcome: Outcome = 'success', body?: CheckoutRequest): Promise<FormCheckoutResponse> {
  const started = await checkout(body);
  const page = await postHostedForm(started);
  expect(page.status, await page.clone().text()).toBe(200);
  await pay(started.transId, outcome);
  return started;
}

export interface FaultSpec {
  readonly method?: 'getSignatureByPost' | 'checkPayStatus' | 'getTransHistory' | 'getCompteStatus' | 'payment' | 'payment/check';
  readonly target?: 'webhook' | 'telegram' | 'slack' | 'discord';
  readonly fault: 'timeout' | 'http_500' | 'garbage' | 'amount_mismatch' | 'signature_mismatch' | 'result_flip';
  readonly count: number;
  readonly delayMs?: number;
}

export async function armFault(spec: FaultSpec): Promise<void> {
  await sandbox('/__sandbox/faults', { method: 'POST', body: JSON.stringify(spec) });
}

export async function resetSandbox(): Promise<void> {
  await sandbox('/__sandbox/reset', { method: 'POST' });
}

export interface WebhookDelivery {
  readonly id: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly status: number;
  readonly at: string;
}

export async function webhookDeliveries(transId?: string): Promise<WebhookDelivery[]> {
  const { deliveries } = await sandbox<{ deliveries: WebhookDelivery[] }>('/__sandbox/webhook');
  return transId === undefined ? deliveries : deliveries.filter((delivery) => delivery.body.includes(`"transId":"${transId}"`));
}

/** Every delivery a paid order makes in the sandbox environment: `order.paid` and a notice on each channel it turns on. */
export const EVERY_CHANNEL = ['discord', 'email', 'slack', 'telegram', 'webhook'];

/** The channels of an order's deliveries, sorted: each at most once, whatever happened. */
export function deliveryChannels(history: OrderSnapshot): string[] {
  return history.deliveries.map((delivery) => delivery.channel).sort();
}

export interface ChatMessage {
  readonly id: number;
  readonly channel: 'telegram' | 'slack' | 'discord';
  readonly path: string;
  readonly body: string;
  readonly status: number;
  readonly at: string;
}

/** What the sandbox's chat receivers got for one order (its transaction id is in every notice), oldest first. */
export async function chatMessages(transId: string): Promise<ChatMessage[]> {
  const { messages } = await sandbox<{ messages: ChatMessage[] }>('/__sandbox/chat');
  return messages.filter((message) => message.body.includes(transId));
}

export async function publicOrder(transId: string): Promise<PublicOrderAnswer> {
  const response = await worker(`/api/orders/${transId}`);
  expect(response.status).toBe(200);
  const body = await response.json();
  const order = decodeOrder(body);
  // The widget's decoder reads every field the Worker sends, and the Worker sends nothing more.
  expect(order).toEqual(body);
  if (!order) throw new Error(`GET /api/orders/${transId} is not a PublicOrder: ${JSON.stringify(body)}`);
  return order;
}

export async function snapshot(transId: string): Promise<OrderSnapshot> {
  const response = await admin(`/admin/orders/${transId}`);
  expect(response.status).toBe(200);
  return response.json<OrderSnapshot>();
}

/** Polls until `check` returns a value (or throws after `timeoutMs`): alarms and retries run on their own clock. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * Waits, if need be, until at least `ms` are left in the current minute. The
 * local rate limiter counts in windows aligned on the clock's minutes and
 * forgets every count when one ends, so a test that must reach a small limit
 * within a few requests starts clear of the boundary.
 */
export async function clearOfMinuteEdge(ms: number): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < ms) await new Promise((done) => setTimeout(done, left + 100));
}

/** The number of Order objects ever addressed: a refused request must not add one. */
export async function orderObjectCount(): Promise<number> {
  return (await listDurableObjectIds(env.ORDERS)).length;
}

/** The ids of every Order object ever addressed. */
export async function orderObjectIds(): Promise<Set<string>> {
  return new Set((await listDurableObjectIds(env.ORDERS)).map((id) => id.toString()));
}

/**
 * Of the Order objects addressed since `before`, the ids of those that store
 * anything (a table or an alarm). A checkout opens its order while CinetPay
 * signs, so a failed one leaves an object behind, but an empty one.
 */
export async function objectsStoringSomethingSince(before: ReadonlySet<string>): Promise<string[]> {
  const added = (await listDurableObjectIds(env.ORDERS)).filter((id) => !before.has(id.toString()));
  const storing: string[] = [];
  for (const id of added) {
    const stores = await runInDurableObject(
      env.ORDERS.get(id),
      async (_instance, state) =>
        state.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'").toArray().length > 0 ||
        (await state.storage.getAlarm()) !== null,
    );
    if (stores) storing.push(id.toString());
  }
  return storing;
}

/** A notification body as CinetPay would send it (section 3.2 fields). */
export function notificationBody(fields: Record<string, string>): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: encodeForm(fields) };
}

/**
 * Inside `runInDurableObject`: waits until the live instance has written the
 * order's index row (it does so in the background), so that another instance
 * may run on the same storage; answers the order's creation time.
 */
export function indexWritten(state: DurableObjectState): Promise<number> {
  return eventually(async () => {
    const [row] = state.storage.sql.exec('SELECT index_version, indexed_version, created_at FROM order_record').toArray();
    return row && row['indexed_version'] === row['index_version'] ? Date.parse(String(row['created_at'])) : undefined;
  });
}

/** A new `Order` instance on `state`, with `settings`, as after a deployment: answered once its constructor's wake-up is done. */
export async function wokenOrder(state: DurableObjectState, settings: Env): Promise<Order> {
  const order = new Order(state, settings);
  await state.blockConcurrencyWhile(async () => undefined);
  return order;
}
