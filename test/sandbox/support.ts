/**
 * Helpers for the sandbox's workerd tests: requests built exactly as the
 * guide's tables say (form-urlencoded, every value a string), the hosted
 * form derived from a signature request (with the form's spelling
 * `cpm_phone_prefixe`), the control API, and the fake merchant's record of
 * what the sandbox sent it (merchant-stub.ts).
 */

import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { sandboxStub } from '../../sandbox/src/sandbox-stub';
import { formatTransDate } from '../../shared/cinetpay/dates';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import type { PaymentForm, SignatureRequest } from '../../shared/cinetpay/wire';
import { type CapturedRequest, MERCHANT } from './merchant-stub';

export { MERCHANT };
export const SANDBOX = 'http://127.0.0.1:8788';
export const APIKEY = env.SANDBOX_APIKEY;
export const SITE_ID = env.SANDBOX_SITE_ID;

let counter = 0;

/** A trans id no other test uses: digits, like the PHP SDK's and the guide's. */
export function newTransId(): string {
  counter += 1;
  return `${Date.now()}${String(counter).padStart(4, '0')}${Math.floor(Math.random() * 1000)}`;
}

/** Calls the sandbox as a browser's request would reach it; redirects are returned, not followed. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${SANDBOX}${path}`, { redirect: 'manual', ...init }));
}

export function postForm(path: string, fields: Readonly<Record<string, string | undefined>> | string): Promise<Response> {
  return call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: typeof fields === 'string' ? fields : encodeForm(fields),
  });
}

/** `POST /v1/?method=NAME`: the raw answer's text and its JSON. */
export async function api(
  method: string,
  fields: Readonly<Record<string, string | undefined>> | string,
): Promise<{ status: number; text: string; json: unknown }> {
  const response = await postForm(`/v1/?method=${method}`, fields);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** A `getSignatureByPost` body with every field of the guide's table. */
export function order(overrides: Partial<Record<keyof SignatureRequest, string | undefined>> = {}): SignatureRequest {
  const base: SignatureRequest = {
    cpm_amount: '5000',
    cpm_currency: 'CFA',
    cpm_site_id: SITE_ID,
    cpm_trans_id: newTransId(),
    cpm_trans_date: formatTransDate(new Date()),
    cpm_payment_config: 'SINGLE',
    cpm_page_action: 'PAYMENT',
    cpm_version: 'V1',
    cpm_language: 'fr',
    cpm_designation: 'T-shirt M',
    cpm_custom: 'order-42',
    apikey: APIKEY,
  };
  const merged: Record<string, string> = { ...base };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  return merged as unknown as SignatureRequest;
}

/** Asks for a signature and expects one. */
export async function sign(request: SignatureRequest): Promise<string> {
  const answer = await api('getSignatureByPost', { ...request });
  expect(answer.json, answer.text).toMatch(/^[0-9a-f]{40}$/);
  return answer.json as string;
}

/** The hosted form for a signed request: the same values, `cpm_phone_prefixe` for the prefix, plus signature and URLs. */
export function formFor(request: SignatureRequest, signature: string, extra: Partial<Record<keyof PaymentForm, string>> = {}): Record<string, string> {
  const { cpm_phone_prefix: prefix, ...rest } = request;
  const form: Record<string, string> = { ...rest, signature };
  if (prefix !== undefined) form['cpm_phone_prefixe'] = prefix;
  return { ...form, ...extra };
}

export interface OpenedPayment {
  readonly request: SignatureRequest;
  readonly signature: string;
  readonly form: Record<string, string>;
  readonly page: Response;
  readonly html: string;
}

/** Signs, then posts the form to the hosted page and expects the page. */
export async function openPayment(
  overrides: Partial<Record<keyof SignatureRequest, string | undefined>> = {},
  extra: Partial<Record<keyof PaymentForm, string>> = {},
): Promise<OpenedPayment> {
  const request = order(overrides);
  const signature = await sign(request);
  const form = formFor(request, signature, extra);
  const page = await postForm('/', form);
  const html = await page.text();
  expect(page.status, html).toBe(200);
  return { request, signature, form, page, html };
}

/** Presses a button of the hosted page: posts its little form to /pay. */
export function press(transId: string, choice: string, lang = 'fr'): Promise<Response> {
  return postForm('/pay', { trans_id: transId, choice, lang });
}

export async function control<T = unknown>(path: string, method = 'GET', body?: unknown): Promise<{ status: number; json: T }> {
  const response = await call(path, {
    method,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: response.status, json: await response.json<T>() };
}

/** What the fake merchant received for a trans id, in arrival order. */
export async function captured(transId: string): Promise<CapturedRequest[]> {
  const response = await fetch(`${MERCHANT}/__captured?trans_id=${encodeURIComponent(transId)}`);
  return response.json<CapturedRequest[]>();
}

/** Waits until the sandbox is done with a transaction's notifications (delivered, out of attempts, or forgotten); answers its attempts. */
export async function settled<T = unknown>(transId: string): Promise<T[]> {
  const answer = await control<{ notifications: T[] }>(`/__sandbox/notifications?trans_id=${encodeURIComponent(transId)}&wait=settled`);
  return answer.json.notifications;
}

/** Resolves once the fake merchant holds a `/hold/N` request of the trans id open. */
export async function held(transId: string): Promise<void> {
  await fetch(`${MERCHANT}/__held?trans_id=${encodeURIComponent(transId)}`);
}

/** Lets the fake merchant answer (200) the request of the trans id it holds. */
export async function release(transId: string): Promise<void> {
  await fetch(`${MERCHANT}/__release?trans_id=${encodeURIComponent(transId)}`, { method: 'POST' });
}

/** When the sandbox's Durable Object will next retry a notification, or `null` if it will not. */
export function scheduledRetry(): Promise<number | null> {
  return runInDurableObject(sandboxStub(env), (_instance, state) => state.storage.getAlarm());
}

/** Asserts that every leaf of a JSON value is a string, as the guide's samples are. */
export function expectOnlyStrings(value: unknown, path = '$'): void {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) expectOnlyStrings(item, `${path}[${index}]`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) expectOnlyStrings(item, `${path}.${key}`);
  } else {
    expect(typeof value, `${path} should be a string`).toBe('string');
  }
}

/** The guide's sample `checkPayStatus` record's keys, in its order (guide 3.2). */
export const GUIDE_STATUS_KEYS = [
  'cpm_site_id',
  'signature',
  'cpm_amount',
  'cpm_trans_date',
  'cpm_trans_id',
  'cpm_custom',
  'cpm_currency',
  'cpm_payid',
  'cpm_payment_date',
  'cpm_payment_time',
  'cpm_error_message',
  'payment_method',
  'cpm_phone_prefixe',
  'cel_phone_num',
  'cpm_ipn_ack',
  'created_at',
  'updated_at',
  'cpm_result',
  'cpm_trans_status',
  'cpm_designation',
  'buyer_name',
];

/** `checkPayStatus` for a trans id with the sandbox's credentials. */
export function status(transId: string): Promise<{ status: number; text: string; json: unknown }> {
  return api('checkPayStatus', { apikey: APIKEY, cpm_site_id: SITE_ID, cpm_trans_id: transId });
}
