/**
 * Helpers for the resilience suite. The tests run in Node and talk to ONE
 * real stack (test/resilience/global-setup.ts) over real HTTP: the Worker and
 * the CinetPay sandbox, each in `wrangler dev`. Here: requests to the Worker
 * (tallied by status class, with a raw-socket variant for what `fetch`
 * cannot send), the checks every answer must pass (error shape, no secret,
 * no stack trace), the sandbox's control API, a whole payment, and the
 * ledger of `order.paid` deliveries the sandbox's receiver recorded, from
 * which fulfilments are judged.
 */

import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { RunnerTask } from 'vitest';
import { expect, inject } from 'vitest';
import { API_ERROR_CODES, type CheckoutRequest, type FormCheckoutResponse, type PublicOrder } from '../../shared/api/contract';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import { isRecord } from '../../shared/is-record';
import type { OrderSnapshot } from '../../worker/src/order-record';
import { addCounts, type PartialCounts } from './counts';
import type { ResilienceStack, StackName } from './global-setup';

const STACKS = inject('resilienceStacks');
/** The stack of every file but heal.test.ts (test/resilience/global-setup.ts). */
export const STACK = STACKS.main;
let current: ResilienceStack = STACK;

/** Points every helper of this file's tests at another stack; heal.test.ts calls it once, at the top. */
export function useStack(name: StackName): ResilienceStack {
  current = STACKS[name];
  return current;
}
export const SITE_ID = '445160';
export const ADMIN_TOKEN = 'sandbox-admin-token';
/** `[env.sandbox.vars]` of wrangler.toml: a Standard Webhooks secret, whose HMAC key is the base64 after `whsec_`. */
const WEBHOOK_SECRET = 'whsec_c2FuZGJveC13ZWJob29rLXNlY3JldC1ub3QtYS1zZWNyZXQh';
const WEBHOOK_KEY = Buffer.from(WEBHOOK_SECRET.slice('whsec_'.length), 'base64');
const APIKEY = 'sandbox-apikey-not-a-secret';
/** The v2 secret key (`[env.sandbox.vars]`), which signs notifications' x-token. */
export const SECRET_KEY = 'sandbox-secret-key-not-a-secret';
/** The 2026 API's key and password (`[env.sandbox.vars]`). */
export const API2026_SECRETS: readonly string[] = ['sk_test_sandbox-api-key-not-a-secret', 'sandbox-api-password-not-a-secret'];
export const SECRETS: readonly string[] = [APIKEY, ADMIN_TOKEN, WEBHOOK_SECRET, SECRET_KEY, ...API2026_SECRETS];
export const ADMIN: Readonly<Record<string, string>> = { authorization: `Bearer ${ADMIN_TOKEN}` };

// --- tallies ------------------------------------------------------------------

let tally: PartialCounts = {};

/** Adds to this file's running tally; `recordTally` moves it onto the current test. */
export function count(counts: PartialCounts): void {
  addCounts(tally, counts);
}

/** For `afterEach(({ task }) => recordTally(task))`: the numbers of the test that just ran, for the summary. */
export function recordTally(task: RunnerTask): void {
  const counts: PartialCounts = { ...task.meta.resilience };
  addCounts(counts, tally);
  task.meta.resilience = counts;
  tally = {};
}

function tallyStatus(status: number): void {
  const statusClass = Math.floor(status / 100);
  count({
    workerRequests: 1,
    ...(statusClass === 2
      ? { worker2xx: 1 }
      : statusClass === 3
        ? { worker3xx: 1 }
        : statusClass === 4
          ? { worker4xx: 1 }
          : statusClass === 5
            ? { worker5xx: 1 }
            : {}),
  });
}

// --- small tools ----------------------------------------------------------------

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Polls until `check` returns a value; throws after `timeoutMs` with `what` in the message. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000, intervalMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

/** `fn` over `items`, at most `limit` at a time, results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) results[index] = await fn(items[index] as T, index);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** A transaction id of the Worker's shape (19 digits) that no order has. */
export function unknownTransId(): string {
  return `9${String(Date.now()).slice(-12)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
}

// --- answers --------------------------------------------------------------------

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The parsed body, or `undefined` when it is not JSON. */
  readonly json: unknown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The code of a well-formed error answer — `{"error":{"code","message","customerMessage"}}` and nothing else, a stable code, both messages — else `undefined`. */
export function stableErrorCode(answer: Answer): string | undefined {
  const body = answer.json;
  if (!isRecord(body) || Object.keys(body).join() !== 'error') return undefined;
  const error = body['error'];
  if (!isRecord(error) || Object.keys(error).sort().join() !== 'code,customerMessage,message') return undefined;
  const { code, message, customerMessage } = error;
  if (typeof code !== 'string' || typeof message !== 'string' || message.trim() === '') return undefined;
  if (typeof customerMessage !== 'string' || customerMessage.trim() === '') return undefined;
  return (API_ERROR_CODES as readonly string[]).includes(code) || /^CINETPAY_\d+(_[A-Z0-9_]+)?$/.test(code) ? code : undefined;
}

const STACK_TRACE = [/\n\s+at /, /\bat [\w$.<>[\]]+ \([^)]*:\d+/, /\.ts:\d/, /\.[cm]?js:\d/, /node_modules/, /file:\/\//];

/**
 * What an answer gives away that it must not: a secret anywhere in its
 * headers or body, or a stack trace. The apikey may appear once, as the
 * `apikey` form field of a successful checkout (the v1 form carries it: see
 * FIELD-NOTES), when `apikeyField` says so.
 */
export function leaks(answer: Answer, apikeyField = false): string[] {
  let text = `${Object.entries(answer.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n')}\n\n${answer.text}`;
  if (apikeyField) text = text.replace(`"apikey":"${APIKEY}"`, '"apikey":""');
  const found = SECRETS.filter((secret) => text.includes(secret)).map((secret) => `secret ${secret.slice(0, 12)}…`);
  for (const pattern of STACK_TRACE) if (pattern.test(text)) found.push(`stack trace ${pattern}`);
  return found;
}

// --- the Worker -----------------------------------------------------------------

export interface WorkerInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A factory for a body that can be sent once only (a form), so that a resend gets a fresh one. */
  readonly body?: string | Uint8Array<ArrayBuffer> | FormData | (() => FormData);
  /** Sent as `cf-connecting-ip`, the rate limiter's key. */
  readonly ip?: string;
  /** Retry when no answer came at all (the Worker restarting); by default only for GET. */
  readonly retryNetwork?: boolean;
  /** Count the answer among the Worker's (false for what the local runtime answers in its place). */
  readonly tally?: boolean;
}

/**
 * The answer `wrangler dev` itself gives, in the Worker's place, when the
 * Worker's invocation failed underneath it (its process restarting, or an
 * internal connection broken by an earlier request whose body the Worker
 * refused half-read). It is not the Worker's answer.
 */
export function isRuntimeRestartAnswer(answer: Answer): boolean {
  return answer.status === 503 && answer.text.startsWith('Your worker restarted mid-request');
}

async function fetchOnce(path: string, init: WorkerInit): Promise<Answer> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { ...init.headers };
  if (init.ip !== undefined) headers['cf-connecting-ip'] = init.ip;
  const body = typeof init.body === 'function' ? init.body() : init.body;
  const request: RequestInit = { method, headers, redirect: 'manual', ...(body === undefined ? {} : { body }) };
  const attempts = (init.retryNetwork ?? method === 'GET') ? 5 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${current.workerUrl}${path}`, request);
      const text = await response.text();
      return { status: response.status, headers: Object.fromEntries(response.headers), text, json: parseJson(text) };
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(300 * attempt);
    }
  }
}

/**
 * One request to the Worker; the body is read whole, redirects are not
 * followed. If `wrangler dev` answers in the Worker's place (see
 * `isRuntimeRestartAnswer`), the request is sent once more and the runtime's
 * answer counted apart: a request that made the Worker itself fail would
 * fail again, and be reported.
 */
export async function worker(path: string, init: WorkerInit = {}): Promise<Answer> {
  let answer = await fetchOnce(path, init);
  if (isRuntimeRestartAnswer(answer)) {
    count({ runtimeAnswers: 1 });
    answer = await fetchOnce(path, init);
  }
  if (init.tally !== false) tallyStatus(answer.status);
  return answer;
}

function parseRawResponse(bytes: Buffer): Answer | undefined {
  const split = bytes.indexOf('\r\n\r\n');
  if (split < 0) return undefined;
  const [statusLine = '', ...lines] = bytes.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(split + 4);
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < body.length; ) {
      const end = body.indexOf('\r\n', offset);
      const size = Number.parseInt(body.subarray(offset, end).toString('latin1'), 16);
      if (!(size > 0)) break;
      chunks.push(body.subarray(end + 2, end + 2 + size));
      offset = end + 2 + size + 2;
    }
    body = Buffer.concat(chunks);
  } else if (headers['content-length'] !== undefined) {
    body = body.subarray(0, Number(headers['content-length']));
  }
  const text = body.toString('utf8');
  return { status, headers, text, json: parseJson(text) };
}

/** True once `bytes` hold a whole answer: the headers and, by Content-Length or chunked framing, the whole body. */
function complete(bytes: Buffer): boolean {
  const split = bytes.indexOf('\r\n\r\n');
  if (split < 0) return false;
  const head = bytes.subarray(0, split).toString('latin1').toLowerCase();
  const length = /\r\ncontent-length: *(\d+)/.exec(head)?.[1];
  if (length !== undefined) return bytes.length - split - 4 >= Number(length);
  return /\r\ntransfer-encoding: *chunked/.test(head) ? bytes.includes('\r\n0\r\n\r\n', split) : false;
}

/**
 * Sends raw bytes to the Worker's port and reads one answer: for what `fetch`
 * refuses to send (two Content-Type lines, a lying Content-Length, an
 * unknown method). `undefined` when no whole answer came within `timeoutMs`.
 * `tally` is false for requests the HTTP layer answers before the Worker.
 */
export async function rawRequest(
  request: string | Buffer,
  options: { readonly timeoutMs?: number; readonly tally?: boolean } = {},
): Promise<Answer | undefined> {
  let answer = await rawOnce(request, options.timeoutMs ?? 5_000);
  if (answer && isRuntimeRestartAnswer(answer)) {
    count({ runtimeAnswers: 1 });
    answer = await rawOnce(request, options.timeoutMs ?? 5_000);
  }
  if (answer && options.tally !== false) tallyStatus(answer.status);
  return answer;
}

function rawOnce(request: string | Buffer, timeoutMs: number): Promise<Answer | undefined> {
  const { port } = new URL(current.workerUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseRawResponse(Buffer.concat(chunks)));
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (complete(Buffer.concat(chunks))) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.write(request);
  });
}

/**
 * After the Worker refuses a request body half-read (too large while
 * streaming, or the client gone), `wrangler dev` answers the next non-GET
 * request it receives 503 "Your worker restarted mid-request" instead of
 * passing it on: a local-runtime quirk, not the Worker's answer. This sends
 * harmless requests until one gets the Worker's own 400, counting the
 * runtime's 503s in between.
 */
export async function settleLocalRuntime(): Promise<void> {
  for (let tries = 0; tries < 5; tries++) {
    const answer = await fetchOnce('/api/checkout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    if (!isRuntimeRestartAnswer(answer)) {
      expect(answer.status, answer.text).toBe(400);
      return;
    }
    count({ runtimeAnswers: 1 });
  }
  throw new Error('the local runtime kept answering 503');
}

export function admin(path: string, init: WorkerInit = {}): Promise<Answer> {
  return worker(path, { ...init, headers: { ...ADMIN, ...init.headers } });
}

export function notifyForm(fields: Readonly<Record<string, string>> | string, ip?: string): Promise<Answer> {
  return worker('/notify', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'CinetPay-Forger/1.0' },
    body: typeof fields === 'string' ? fields : encodeForm(fields),
    retryNetwork: true,
    ...(ip === undefined ? {} : { ip }),
  });
}

/**
 * The address of the customer who paid `transId` (10.x.y.z from its digits):
 * each order's status is read as its own customer's page reads it, so that
 * LOOKUP_LIMIT (per address and minute) limits no test's reads of many orders.
 */
export function customerIp(transId: string): string {
  const n = Number(BigInt(transId.replace(/\D/g, '') || '0') % 16_777_216n);
  return `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`;
}

export async function publicOrder(transId: string): Promise<PublicOrder> {
  const answer = await worker(`/api/orders/${transId}`, { ip: customerIp(transId) });
  expect(answer.status, answer.text).toBe(200);
  return answer.json as PublicOrder;
}

export async function snapshot(transId: string): Promise<OrderSnapshot> {
  const answer = await admin(`/admin/orders/${transId}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.json as OrderSnapshot;
}

/** The transaction ids in the KV index (eventually consistent: it may lag the Durable Objects by a moment). */
export async function indexedIds(): Promise<Set<string>> {
  const answer = await admin('/admin/orders?limit=1000');
  expect(answer.status, answer.text).toBe(200);
  const body = answer.json as { orders: { transId: string }[]; cursor: string | null };
  expect(body.cursor, 'more than 1000 orders: page through them').toBeNull();
  return new Set(body.orders.map((order) => order.transId));
}

// --- the sandbox ----------------------------------------------------------------

export async function sandbox<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${current.sandboxUrl}${path}`, {
    method: init.method ?? 'GET',
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`sandbox ${init.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export interface SandboxTransaction {
  readonly transId: string;
  readonly state: 'SIGNED' | 'OPEN' | 'PENDING' | 'ACCEPTED' | 'REFUSED' | 'CANCELLED';
  readonly record: { readonly cpm_result: string; readonly cpm_amount: string; readonly signature: string };
}

export interface SandboxAttempt {
  readonly transId: string;
  readonly deliveryId: number;
  readonly attempt: number;
  readonly fields: Readonly<Record<string, string>>;
  readonly status: number | null;
  /** The start of the Worker's answer. */
  readonly answer: string;
}

/** Every transaction the sandbox ever signed: strongly consistent, unlike the Worker's KV index. */
export async function sandboxTransactions(): Promise<SandboxTransaction[]> {
  return (await sandbox<{ transactions: SandboxTransaction[] }>('/__sandbox/transactions')).transactions;
}

export async function sandboxTransaction(transId: string): Promise<{ transaction: SandboxTransaction; notifications: SandboxAttempt[] }> {
  return sandbox(`/__sandbox/transactions/${transId}`);
}

export type FaultTarget =
  | 'getSignatureByPost'
  | 'checkPayStatus'
  | 'getTransHistory'
  | 'getCompteStatus'
  | 'payment'
  | 'payment/check'
  | '2026/login'
  | '2026/payment'
  | '2026/status'
  | '2026/balances'
  | 'webhook';
export type FaultKind =
  | 'timeout'
  | 'http_500'
  | 'garbage'
  | 'amount_mismatch'
  | 'signature_mismatch'
  | 'result_flip'
  | 'expired_token'
  | 'unauthorized'
  | 'other_transaction';

export async function armFault(target: FaultTarget, fault: FaultKind, faultCount: number, delayMs?: number): Promise<void> {
  await sandbox('/__sandbox/faults', { method: 'POST', body: { target, fault, count: faultCount, ...(delayMs === undefined ? {} : { delayMs }) } });
}

export async function armedFaults(): Promise<number> {
  return (await sandbox<{ faults: unknown[] }>('/__sandbox/faults')).faults.length;
}

export async function clearFaults(): Promise<void> {
  await sandbox('/__sandbox/faults', { method: 'DELETE' });
}

/** How many `checkPayStatus` calls the sandbox answered since it started (GET /__sandbox/stats, in memory). */
export async function checkPayStatusCalls(): Promise<number> {
  const { calls } = await sandbox<{ calls: Readonly<Record<string, number>> }>('/__sandbox/stats');
  return calls['checkPayStatus'] ?? 0;
}

export type Outcome = 'success' | 'otp_error' | 'insufficient_balance' | 'pending' | 'cancel';

/** The customer's outcome on the hosted page; the sandbox then notifies `notifications` times at once (and retries failures). */
export async function pay(transId: string, outcome: Outcome = 'success', notifications = 1): Promise<void> {
  await sandbox(`/__sandbox/transactions/${transId}/outcome`, { method: 'POST', body: { outcome, paymentMethod: 'OM', notifications } });
}

/** CinetPay sends the notification of the transaction's current state again, `copies` times at once. */
export async function notifyAgain(transId: string, copies = 1): Promise<void> {
  await sandbox(`/__sandbox/transactions/${transId}/notify`, { method: 'POST', body: { count: copies } });
}

// --- a payment ------------------------------------------------------------------

/** `POST /api/checkout` expecting success; a 502 (the 1 s upstream timeout under load) is retried, as the widget's customer would. */
export async function checkout(body: CheckoutRequest, ip: string): Promise<FormCheckoutResponse> {
  for (let attempt = 1; ; attempt++) {
    const answer = await worker('/api/checkout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ip });
    if (answer.status === 502 && attempt < 4) continue;
    expect(answer.status, answer.text).toBe(200);
    expect(leaks(answer, true)).toEqual([]);
    const started = answer.json as FormCheckoutResponse;
    expect(started.method, 'the main stack runs CinetPay v1').toBe('POST');
    return started;
  }
}

/** What the customer's browser does with the checkout answer: post the form to the hosted page. */
export async function postHostedForm(started: FormCheckoutResponse, overrides: Readonly<Record<string, string>> = {}): Promise<void> {
  const response = await fetch(started.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: encodeForm({ ...started.fields, ...overrides }),
  });
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBe(200);
}

/**
 * The customer enters a wrong OTP: CinetPay refuses the payment and notifies
 * once, and the Worker answers that notification REFUSED. Returns how many
 * notifications the order's log holds then.
 */
export async function refuseNotified(transId: string): Promise<number> {
  await pay(transId, 'otp_error', 1);
  const { notifications } = await sandboxTransaction(transId);
  expect(
    notifications.map((attempt) => [attempt.status, /"status":"REFUSED"/.test(attempt.answer)]),
    'the wrong OTP notified once, answered REFUSED',
  ).toEqual([[200, true]]);
  const history = await snapshot(transId);
  expect(history.order.status).toBe('REFUSED');
  return history.notifications.length;
}

/** Checkout and hosted form: an order waiting for the customer's choice. */
export async function openOrder(ip: string, body: CheckoutRequest = { product: 'tshirt-m' }): Promise<FormCheckoutResponse> {
  const started = await checkout(body, ip);
  await postHostedForm(started);
  return started;
}

// --- fulfilments ----------------------------------------------------------------

export interface PaidEvent {
  readonly transId: string;
  readonly webhookId: string;
  readonly status: number;
  readonly body: string;
  readonly signed: boolean;
}

interface WebhookDelivery {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly status: number;
}

/**
 * True when the Standard Webhooks headers sign exactly this body with our
 * secret, keyed with its decoded bytes as the specification says (the
 * timestamp's age is the receiver's policy, not checked here; the workerd
 * tests verify deliveries with the official `standardwebhooks` package).
 */
function validSignature(headers: Readonly<Record<string, string>>, body: string): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return false;
  const expected = `v1,${createHmac('sha256', WEBHOOK_KEY).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
  return signatures.split(' ').includes(expected);
}

/** Every `order.paid` request the sandbox's receiver got (failed ones included), with its Standard Webhooks signature checked. */
export async function paidEvents(): Promise<PaidEvent[]> {
  const { deliveries } = await sandbox<{ deliveries: WebhookDelivery[] }>('/__sandbox/webhook');
  return deliveries.map((delivery) => {
    const parsed = parseJson(delivery.body);
    const data = isRecord(parsed) && isRecord(parsed['data']) ? parsed['data'] : {};
    return {
      transId: typeof data['transId'] === 'string' ? data['transId'] : '',
      webhookId: delivery.headers['webhook-id'] ?? '',
      status: delivery.status,
      body: delivery.body,
      signed: isRecord(parsed) && parsed['type'] === 'order.paid' && validSignature(delivery.headers, delivery.body),
    };
  });
}

/** Until the receiver has answered 2xx to an order.paid of each order. */
export async function deliveredAll(transIds: readonly string[], timeoutMs = 30_000): Promise<void> {
  await eventually(
    'every order.paid delivered',
    async () => {
      const events = await paidEvents();
      return transIds.every((transId) => events.some((event) => event.transId === transId && event.status === 200)) ? true : undefined;
    },
    timeoutMs,
    250,
  );
}

export interface Fulfilment {
  readonly accepted: number;
  readonly delivered: number;
  /** Paid at CinetPay, yet not ACCEPTED or its order.paid never answered 2xx. */
  readonly lost: readonly string[];
  /** Accepted twice, or more than one order.paid id, body or outbox row, or two outbox rows of one notice channel. */
  readonly double: readonly string[];
  readonly sameIdRedeliveries: number;
}

/** Judges orders that CinetPay reports paid: each must be ACCEPTED once and its one order.paid id delivered. */
export async function judgePaid(transIds: readonly string[]): Promise<Fulfilment> {
  const events = await paidEvents();
  const lost: string[] = [];
  const double: string[] = [];
  let accepted = 0;
  let delivered = 0;
  let sameIdRedeliveries = 0;
  await mapLimit(transIds, 6, async (transId) => {
    const history = await snapshot(transId);
    const mine = events.filter((event) => event.transId === transId);
    const ok = mine.filter((event) => event.status >= 200 && event.status < 300 && event.signed);
    const isAccepted = history.order.status === 'ACCEPTED';
    if (isAccepted) accepted++;
    if (ok.length > 0) delivered++;
    sameIdRedeliveries += Math.max(0, ok.length - 1);
    if (!isAccepted || ok.length === 0) lost.push(transId);
    const ids = new Set(mine.map((event) => event.webhookId));
    const twice =
      history.transitions.filter((transition) => transition.to === 'ACCEPTED').length > 1 ||
      history.deliveries.filter((delivery) => delivery.channel === 'webhook').length > 1 ||
      // One outbox row per notice channel, never two, whatever the storm.
      new Set(history.deliveries.map((delivery) => delivery.channel)).size !== history.deliveries.length ||
      ids.size > 1 ||
      new Set(mine.map((event) => event.body)).size > 1 ||
      [...ids].some((id) => id !== `msg_${transId}_paid`);
    if (twice) double.push(transId);
  });
  return { accepted, delivered, lost, double, sameIdRedeliveries };
}

/**
 * Wrong fulfilments: an order that must not be paid yet ACCEPTED or with any
 * order.paid request, and any order.paid request the receiver ever got (from
 * any test) that is unsigned or for an order that is not ACCEPTED.
 */
export async function wronglyFulfilled(unpaid: readonly string[]): Promise<string[]> {
  const events = await paidEvents();
  const wrong = new Set<string>();
  for (const event of events) if (!event.signed || unpaid.includes(event.transId)) wrong.add(event.transId || '(no transId)');
  const ids = [...new Set([...unpaid, ...events.map((event) => event.transId).filter((transId) => transId !== '')])];
  await mapLimit(ids, 6, async (transId) => {
    const answer = await worker(`/api/orders/${transId}`, { ip: customerIp(transId) });
    const accepted = answer.status === 200 && isRecord(answer.json) && answer.json['status'] === 'ACCEPTED';
    if (unpaid.includes(transId) ? accepted : !accepted) wrong.add(transId);
  });
  return [...wrong];
}

// --- the stack's owner ----------------------------------------------------------

/** Asks the process that owns the stack to stop the Worker and start it again, same port, same persisted state. */
export async function restartWorker(): Promise<void> {
  const response = await fetch(`${current.controlUrl}/restart-worker`, { method: 'POST' });
  expect(response.status, await response.text()).toBe(200);
}

/** The Worker's log lines so far, across restarts. */
export async function workerLog(): Promise<string> {
  const response = await fetch(`${current.controlUrl}/worker-logs`);
  const { files } = (await response.json()) as { files: string[] };
  return files.map((file) => readFileSync(file, 'utf8')).join('\n');
}

/** Lines where the router's catch-all answered 500 (it logs `{"event":"unhandled",…}`): a request the Worker did not handle. */
export async function unhandledInLog(): Promise<string[]> {
  return (await workerLog())
    .split('\n')
    .map((line) => line.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), ''))
    .filter((line) => /\bunhandled\b/.test(line));
}
