/**
 * The sandbox over real HTTP, as a shop and a customer's browser meet it:
 * `wrangler dev` serves the sandbox on a loopback port, a node:http server
 * plays the merchant (notify_url, return_url, cancel_url), and each test
 * renders the hosted page, posts a button's form as a browser would, then
 * checks the notification the merchant received and where the browser was
 * sent. Ports: SANDBOX_HTTP_TEST_PORT / SANDBOX_HTTP_TEST_INSPECTOR_PORT, or
 * free ones.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWorker, startWranglerDev } from '../../scripts/wrangler-dev';
import { formatTransDate } from '../../shared/cinetpay/dates';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import { decodeHtmlEntities } from '../../shared/cinetpay/html-entities';
import { NOTIFICATION_FIELDS, RETURN_MODES } from '../../shared/cinetpay/wire';

const APIKEY = 'sandbox-apikey-not-a-secret';
const SITE_ID = '445160';

interface Received {
  readonly method: string;
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
  readonly at: number;
}

let sandbox: RunningWorker;
let merchant: Server;
let merchantUrl = '';
let stateDir = '';
const received: Received[] = [];
const seen = new Map<string, number>();

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    request.on('error', fail);
  });
}

/** `/notify/ok` 200; `/notify/fail-first` 500 the first time for each trans id, then 200; anything else 200. */
function startMerchant(): Promise<Server> {
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const path = request.url ?? '/';
      received.push({ method: request.method ?? '', path, contentType: request.headers['content-type'] ?? '', body, at: Date.now() });
      let status = 200;
      if (path.startsWith('/notify/fail-first')) {
        const key = new URLSearchParams(body).get('cpm_trans_id') ?? '';
        const count = seen.get(key) ?? 0;
        seen.set(key, count + 1);
        if (count === 0) status = 500;
      }
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'OK' : 'boom');
    });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
}

function envPort(name: string): number | undefined {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

beforeAll(async () => {
  merchant = await startMerchant();
  merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`;
  stateDir = mkdtempSync(join(tmpdir(), 'sandbox-http-test-'));
  sandbox = await startWranglerDev({
    config: 'sandbox/wrangler.toml',
    name: 'sandbox-http-test',
    port: envPort('SANDBOX_HTTP_TEST_PORT') ?? (await freePort()),
    inspectorPort: envPort('SANDBOX_HTTP_TEST_INSPECTOR_PORT') ?? (await freePort()),
    vars: { NOTIFY_RETRY_BASE_MS: '100', NOTIFY_MAX_ATTEMPTS: '3' },
    persistTo: stateDir,
  });
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  await new Promise((done) => merchant?.close(done));
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

let counter = 0;
function transId(): string {
  counter += 1;
  return `${Date.now()}${counter}`;
}

function postForm(url: string, fields: Readonly<Record<string, string>> | string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: typeof fields === 'string' ? fields : encodeForm(fields),
    redirect: 'manual',
  });
}

/** Signs an order with the API and returns the hosted form the shop would post. */
async function hostedForm(
  id: string,
  extra: Readonly<Record<string, string>>,
  overrides: Readonly<Record<string, string>> = {},
): Promise<Record<string, string>> {
  const request = {
    cpm_amount: '1500',
    cpm_currency: 'CFA',
    cpm_site_id: SITE_ID,
    cpm_trans_id: id,
    cpm_trans_date: formatTransDate(new Date()),
    cpm_payment_config: 'SINGLE',
    cpm_page_action: 'PAYMENT',
    cpm_version: 'V1',
    cpm_language: 'fr',
    cpm_designation: `Pagne wax « L'Ivoire » & co`,
    cpm_custom: 'cart=3&user=7',
    ...overrides,
  };
  const answer = await postForm(`${sandbox.url}/v1/?method=getSignatureByPost`, { ...request, apikey: APIKEY });
  const signature: unknown = await answer.json();
  expect(signature).toMatch(/^[0-9a-f]{40}$/);
  return { ...request, apikey: APIKEY, signature: String(signature), ...extra };
}

interface ParsedForm {
  readonly action: string;
  readonly method: string;
  readonly fields: Record<string, string>;
  readonly markup: string;
}

/** The page's forms, read from the HTML as a browser would submit them. */
function formsOf(html: string, base: string): ParsedForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map((match) => {
    const attributes = match[1] ?? '';
    const action = decodeHtmlEntities(/action="([^"]*)"/.exec(attributes)?.[1] ?? '');
    const method = /method="([^"]*)"/.exec(attributes)?.[1] ?? 'get';
    const fields: Record<string, string> = {};
    for (const input of (match[2] ?? '').matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
      fields[decodeHtmlEntities(input[1] ?? '')] = decodeHtmlEntities(input[2] ?? '');
    }
    return { action: new URL(action, base).href, method, fields, markup: match[0] };
  });
}

/** Renders the page for a form and presses the button `outcome`, as a browser would. */
async function choose(form: Readonly<Record<string, string>>, outcome: string): Promise<Response> {
  const page = await postForm(`${sandbox.url}/`, form);
  expect(page.status).toBe(200);
  expect(page.headers.get('x-frame-options')).toBe('DENY');
  const html = await page.text();
  const button = formsOf(html, `${sandbox.url}/`).find((candidate) => candidate.markup.includes(`data-outcome="${outcome}"`));
  expect(button, `a button data-outcome="${outcome}"`).toBeDefined();
  expect(button?.method).toBe('post');
  return postForm(button?.action ?? '', button?.fields ?? {});
}

function receivedFor(id: string, pathPrefix: string): Received[] {
  return received.filter(
    (entry) => entry.path.startsWith(pathPrefix) && (entry.body.includes(`cpm_trans_id=${id}`) || entry.path.includes(`cpm_trans_id=${id}`)),
  );
}

async function status(id: string): Promise<Record<string, string>> {
  const answer = await postForm(`${sandbox.url}/v1/?method=checkPayStatus`, { apikey: APIKEY, cpm_site_id: SITE_ID, cpm_trans_id: id });
  return ((await answer.json()) as { transaction: Record<string, string> }).transaction;
}

const OUTCOMES: readonly (readonly [button: string, code: string])[] = [
  ['success-om', '00'],
  ['success-momo', '00'],
  ['success-flooz', '00'],
  ['otp-error', '604'],
  ['insufficient-balance', '602'],
  ['pending', '623'],
  ['cancel', '627'],
];

describe.each(RETURN_MODES)('over real HTTP, cpm_return_mode=%s', (mode) => {
  it.each(OUTCOMES)('%s: notifies with exactly the 3.2 fields, then sends the browser back', async (button, code) => {
    const id = transId();
    const form = await hostedForm(id, {
      notify_url: `${merchantUrl}/notify/ok`,
      return_url: `${merchantUrl}/return?shop=1`,
      cancel_url: `${merchantUrl}/cancel`,
      cpm_return_mode: mode,
    });
    const answer = await choose(form, button);

    const notifications = receivedFor(id, '/notify/ok');
    expect(notifications).toHaveLength(1);
    const notification = notifications[0];
    expect(notification?.method).toBe('POST');
    expect(notification?.contentType).toBe('application/x-www-form-urlencoded');
    const sent = new URLSearchParams(notification?.body);
    expect([...sent.keys()]).toEqual([...NOTIFICATION_FIELDS]);
    expect(sent.get('cpm_trans_id')).toBe(id);
    expect(sent.get('cpm_custom')).toBe('cart=3&user=7');
    expect(sent.get('signature')).toBe(form['signature']);
    expect(notification?.body).not.toContain(APIKEY);
    expect((await status(id))['cpm_result']).toBe(code);

    if (button === 'cancel') {
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe(`${merchantUrl}/cancel`);
      return;
    }
    if (mode === 'GET') {
      expect(answer.status).toBe(303);
      const location = new URL(answer.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`).toBe(`${merchantUrl}/return`);
      expect(location.searchParams.get('shop')).toBe('1');
      location.searchParams.delete('shop');
      expect(location.searchParams.toString()).toBe(new URLSearchParams(notification?.body).toString());
      // The browser follows the redirect: the shop receives a GET with the fields.
      expect((await fetch(location.href)).status).toBe(200);
      expect(receivedFor(id, '/return').at(-1)?.method).toBe('GET');
    } else if (mode === 'POST') {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      const html = await answer.text();
      expect(html).toContain('<button type="submit"');
      const [back] = formsOf(html, sandbox.url);
      expect(back?.method).toBe('post');
      expect(back?.action).toBe(`${merchantUrl}/return?shop=1`);
      expect(back?.fields).toEqual(Object.fromEntries(new URLSearchParams(notification?.body)));
      // Submitting it (the script does it at once; the button without JavaScript) posts the fields to the shop.
      expect((await postForm(back?.action ?? '', back?.fields ?? {})).status).toBe(200);
      const posted = receivedFor(id, '/return').at(-1);
      expect(posted?.method).toBe('POST');
      expect(posted?.body).toBe(notification?.body);
    } else {
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe(`${merchantUrl}/return?shop=1`);
    }
  });
});

describe('notifications over real HTTP', () => {
  it('are retried with backoff when the merchant answers 500 first', async () => {
    const id = transId();
    const form = await hostedForm(id, { notify_url: `${merchantUrl}/notify/fail-first`, return_url: `${merchantUrl}/return` });
    expect((await choose(form, 'success-om')).status).toBe(303);
    const log = await settledNotifications<{ attempt: number; status: number }>(id);
    expect(log.map((attempt) => [attempt.attempt, attempt.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    // The merchant records a request before it answers, so both are here once the sandbox has the answers.
    const deliveries = receivedFor(id, '/notify/fail-first');
    expect(deliveries).toHaveLength(2);
    expect((deliveries[1]?.at ?? 0) - (deliveries[0]?.at ?? 0)).toBeGreaterThanOrEqual(90);
    expect(deliveries[0]?.body).toBe(deliveries[1]?.body);
    expect((await status(id))['cpm_ipn_ack']).toBe('Y');
  });

  it('record a refused connection as an error and retry it', async () => {
    const closed = await freePort();
    const id = transId();
    const form = await hostedForm(id, { notify_url: `http://127.0.0.1:${closed}/notify` });
    expect((await choose(form, 'success-om')).status).toBe(200);
    const log = await settledNotifications<{ status: number | null; error: string | null; nextAttemptAt: string | null }>(id);
    expect(log).toHaveLength(3);
    expect(log.every((attempt) => attempt.status === null && typeof attempt.error === 'string')).toBe(true);
    expect(log.map((attempt) => attempt.nextAttemptAt === null)).toEqual([false, false, true]);
  });
});

describe('the API over real HTTP', () => {
  it('reads a PHP-SDK-style body: nothing URL-encoded, compact date, XOF', async () => {
    const fields = {
      cpm_amount: '100',
      cpm_currency: 'XOF',
      cpm_site_id: SITE_ID,
      cpm_trans_id: transId(),
      cpm_trans_date: '20240131235959',
      cpm_payment_config: 'SINGLE',
      cpm_page_action: 'PAYMENT',
      cpm_version: 'V1',
      cpm_language: 'fr',
      cpm_designation: 'Remise 10% été',
      cpm_custom: '',
      apikey: APIKEY,
    };
    const raw = Object.entries(fields)
      .map(([key, value]) => `${key}=${value}`)
      .join('&');
    const unencoded = await (await postForm(`${sandbox.url}/v1/?method=getSignatureByPost`, raw)).json();
    const encoded = await (await postForm(`${sandbox.url}/v1/?method=getSignatureByPost`, fields)).json();
    expect(unencoded).toMatch(/^[0-9a-f]{40}$/);
    expect(unencoded).toBe(encoded);
  });
});

/** A transaction's notification attempts, once the sandbox says none is in flight or waiting for a retry. */
async function settledNotifications<T>(id: string): Promise<T[]> {
  const answer = await fetch(`${sandbox.url}/__sandbox/notifications?trans_id=${id}&wait=settled`);
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { notifications: T[] }).notifications;
}
