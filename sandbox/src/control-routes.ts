/**
 * The control API under `/__sandbox/`, for tests, benchmarks and a merchant
 * developing locally: choose an outcome without a browser, send duplicate
 * notifications, arm faults, receive the Worker's fulfilment webhooks and its
 * paid-order notices on Telegram, Slack and Discord, list
 * what happened, reset. JSON in and out; errors are
 * `{"error":{"code","message"}}` with a 4xx status. Never part of CinetPay's
 * interface: the real service has nothing like it.
 */

import { type IRequestStrict, Router } from 'itty-router';
import { validateTransId } from '../../shared/api/trans-id';
import { isRecord } from '../../shared/is-record';
import { err, ok, type Result } from '../../shared/result';
import { sandboxConfig } from './config';
import { dashboardPage } from './dashboard-html';
import { parseFaultSpec, sleep } from './faults';
import { htmlResponse } from './html';
import { controlError, controlJson, readJson } from './http';
import type { ChatChannel } from './model';
import { OUTCOMES, type Outcome, PAYMENT_METHODS, type PaymentMethod } from './outcomes';
import type { SandboxStub } from './sandbox-stub';

/** Most copies one call may send at once: enough for a concurrency test, not enough to hurt the machine. */
export const MAX_COPIES = 100;
/** Largest webhook body stored. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

interface OutcomeBody {
  readonly outcome: Outcome;
  readonly method: PaymentMethod | null;
  readonly copies: number;
}

function copiesOf(value: unknown, field: string, min: number): Result<number, string> {
  if (value === undefined) return ok(1);
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= MAX_COPIES
    ? ok(value)
    : err(`Invalid ${field}: expected an integer from ${min} to ${MAX_COPIES}`);
}

/** `{"outcome", "paymentMethod"?, "notifications"?}`. */
function parseOutcomeBody(body: unknown): Result<OutcomeBody, string> {
  if (!isRecord(body)) return err('Expected a JSON object {"outcome": ...}');
  const outcome = OUTCOMES.find((name) => name === body['outcome']);
  if (outcome === undefined) return err(`Invalid outcome: expected one of ${OUTCOMES.join(', ')}`);
  const methodValue = body['paymentMethod'];
  const method = methodValue === undefined ? null : PAYMENT_METHODS.find((name) => name === methodValue);
  if (method === undefined) return err(`Invalid paymentMethod: expected one of ${PAYMENT_METHODS.join(', ')}`);
  const copies = copiesOf(body['notifications'], 'notifications', 0);
  return copies.ok ? ok({ outcome, method, copies: copies.value }) : copies;
}

function transIdOf(request: IRequestStrict): Result<string, Response> {
  let raw = request.params['transId'] ?? '';
  try {
    raw = decodeURIComponent(raw);
  } catch {
    // Keep it as it came: the check below refuses it.
  }
  const transId = validateTransId(raw);
  return transId.ok ? ok(transId.value) : err(controlError(400, 'INVALID_TRANS_ID', transId.error.message));
}

type Handler = (request: IRequestStrict, env: SandboxEnv, state: SandboxStub) => Promise<Response> | Response;

async function chooseOutcome(request: IRequestStrict, _env: SandboxEnv, state: SandboxStub): Promise<Response> {
  const transId = transIdOf(request);
  if (!transId.ok) return transId.error;
  const json = await readJson(request);
  if (!json.ok) return json.error;
  const body = parseOutcomeBody(json.value);
  if (!body.ok) return controlError(400, 'INVALID_BODY', body.error);
  const resolved = await state.resolve({
    transId: transId.value,
    outcome: body.value.outcome,
    method: body.value.method,
    copies: body.value.copies,
    source: 'control',
  });
  if (!resolved.ok) {
    return resolved.error === 'NOT_POSTED'
      ? controlError(409, 'FORM_NOT_POSTED', `No payment form was posted to the hosted page for ${transId.value}: post it to / first`)
      : controlError(409, 'TRANSACTION_FINAL', `${transId.value} is already accepted or cancelled; its outcome can no longer change`);
  }
  return controlJson({ transaction: resolved.value.transaction, attempts: resolved.value.attempts });
}

async function sendDuplicates(request: IRequestStrict, _env: SandboxEnv, state: SandboxStub): Promise<Response> {
  const transId = transIdOf(request);
  if (!transId.ok) return transId.error;
  const json = await readJson(request);
  if (!json.ok) return json.error;
  if (!isRecord(json.value)) return controlError(400, 'INVALID_BODY', 'Expected a JSON object {"count": N}');
  const count = copiesOf(json.value['count'], 'count', 1);
  if (!count.ok) return controlError(400, 'INVALID_BODY', count.error);
  const sent = await state.notify(transId.value, count.value);
  if (!sent.ok) {
    return sent.error === 'NOT_POSTED'
      ? controlError(409, 'FORM_NOT_POSTED', `No payment form was posted to the hosted page for ${transId.value}`)
      : controlError(409, 'NO_NOTIFY_URL', `The form of ${transId.value} had no notify_url`);
  }
  return controlJson({ attempts: sent.value });
}

async function getTransaction(request: IRequestStrict, _env: SandboxEnv, state: SandboxStub): Promise<Response> {
  const transId = transIdOf(request);
  if (!transId.ok) return transId.error;
  const transaction = await state.transaction(transId.value);
  if (transaction === null) return controlError(404, 'TRANSACTION_NOT_FOUND', `The sandbox has no transaction ${transId.value}`);
  return controlJson({ transaction, notifications: await state.attempts(transId.value) });
}

/** `?trans_id=X` for one transaction's attempts; `&wait=settled` answers only once nothing is in flight or waiting for a retry for X. */
async function listNotifications(request: IRequestStrict, _env: SandboxEnv, state: SandboxStub): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const transId = query.get('trans_id') || null;
  if (query.get('wait') === 'settled') {
    if (transId === null) return controlError(400, 'INVALID_QUERY', "wait=settled needs a trans_id: it waits for one transaction's notifications");
    await state.notificationsSettled(transId);
  }
  return controlJson({ notifications: await state.attempts(transId) });
}

async function armFault(request: IRequestStrict, _env: SandboxEnv, state: SandboxStub): Promise<Response> {
  const json = await readJson(request);
  if (!json.ok) return json.error;
  const spec = parseFaultSpec(json.value);
  if (!spec.ok) return controlError(400, 'INVALID_BODY', spec.error);
  return controlJson({ fault: await state.armFault(spec.value) }, 201);
}

async function receiveWebhook(request: IRequestStrict, _env: SandboxEnv, state: SandboxStub): Promise<Response> {
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_WEBHOOK_BYTES) return controlError(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${MAX_WEBHOOK_BYTES} bytes`);
  const body = new TextDecoder().decode(bytes);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const fault = await state.takeFault('webhook');
  if (fault?.fault === 'timeout') await sleep(fault.delayMs);
  const status = fault?.fault === 'http_500' ? 503 : 200;
  const delivery = await state.recordWebhook(body, headers, status);
  return status === 200
    ? controlJson({ received: true, id: delivery.id })
    : controlError(503, 'FAULT_INJECTED', 'The webhook receiver is failing on purpose (an armed http_500 fault)');
}

/** The status each chat service answers a successful call with: Discord's incoming webhooks answer 204 unless asked to wait. */
function chatStatus(channel: ChatChannel): number {
  return channel === 'discord' ? 204 : 200;
}

/** What each chat service answers a successful call: Telegram's `{ok, result}`, Slack's `ok`, Discord's empty 204. */
function chatAnswer(channel: ChatChannel, id: number): Response {
  switch (channel) {
    case 'telegram':
      return controlJson({ ok: true, result: { message_id: id, date: Math.floor(Date.now() / 1000) } });
    case 'slack':
      return new Response('ok', { headers: { 'content-type': 'text/plain' } });
    case 'discord':
      return new Response(null, { status: 204 });
  }
}

/** A chat receiver: records the call (the path after the channel, the raw body) and answers as the service would, or fails as armed. */
function receiveChat(channel: ChatChannel): Handler {
  return async (request, _env, state) => {
    const bytes = await request.arrayBuffer();
    if (bytes.byteLength > MAX_WEBHOOK_BYTES) return controlError(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${MAX_WEBHOOK_BYTES} bytes`);
    const path = new URL(request.url).pathname.slice(`/__sandbox/${channel}`.length);
    const fault = await state.takeFault(channel);
    if (fault?.fault === 'timeout') await sleep(fault.delayMs);
    const failing = fault?.fault === 'http_500';
    const message = await state.recordChat(channel, path, new TextDecoder().decode(bytes), failing ? 503 : chatStatus(channel));
    return failing
      ? controlError(503, 'FAULT_INJECTED', `The ${channel} receiver is failing on purpose (an armed http_500 fault)`)
      : chatAnswer(channel, message.id);
  };
}

async function dashboard(_request: IRequestStrict, env: SandboxEnv, state: SandboxStub): Promise<Response> {
  const [transactions, attempts, webhooks, chats, faults] = await Promise.all([
    state.transactions(),
    state.attempts(null),
    state.webhooks(),
    state.chatMessages(),
    state.faults(),
  ]);
  return htmlResponse(dashboardPage({ config: sandboxConfig(env), transactions, attempts, webhooks, chats, faults }));
}

function notAllowed(): Response {
  return controlError(405, 'METHOD_NOT_ALLOWED', 'This route does not take this HTTP method; see sandbox/README.md');
}

const routes: readonly (readonly [method: 'get' | 'post' | 'delete', path: string, handler: Handler])[] = [
  ['get', '/__sandbox', () => new Response(null, { status: 308, headers: { location: '/__sandbox/' } })],
  [
    'post',
    '/__sandbox/reset',
    async (_r, _e, state) => {
      await state.reset();
      return controlJson({ reset: true });
    },
  ],
  ['get', '/__sandbox/transactions', async (_r, _e, state) => controlJson({ transactions: await state.transactions() })],
  ['get', '/__sandbox/transactions/:transId', getTransaction],
  ['post', '/__sandbox/transactions/:transId/outcome', chooseOutcome],
  ['post', '/__sandbox/transactions/:transId/notify', sendDuplicates],
  ['get', '/__sandbox/notifications', listNotifications],
  ['get', '/__sandbox/stats', async (_r, _e, state) => controlJson({ calls: await state.callCounts() })],
  ['get', '/__sandbox/faults', async (_r, _e, state) => controlJson({ faults: await state.faults() })],
  ['post', '/__sandbox/faults', armFault],
  ['delete', '/__sandbox/faults', async (_r, _e, state) => controlJson({ cleared: await state.clearFaults() })],
  // Every 2026 access token issued so far answers EXPIRED_TOKEN from now on: a token that expires between two calls.
  ['post', '/__sandbox/2026/expire-tokens', async (_r, _e, state) => controlJson({ epoch: await state.expireTokens() })],
  ['get', '/__sandbox/webhook', async (_r, _e, state) => controlJson({ deliveries: await state.webhooks() })],
  ['post', '/__sandbox/webhook', receiveWebhook],
  ['get', '/__sandbox/chat', async (_r, _e, state) => controlJson({ messages: await state.chatMessages() })],
  ['post', '/__sandbox/telegram/*', receiveChat('telegram')],
  ['post', '/__sandbox/slack/*', receiveChat('slack')],
  ['post', '/__sandbox/discord/*', receiveChat('discord')],
];

/** The control router; `GET /__sandbox/` (with the slash) is the dashboard. */
export function controlRouter() {
  const router = Router<IRequestStrict, [SandboxEnv, SandboxStub], Response | undefined>();
  router.get('/__sandbox/', (request, env, state) => (new URL(request.url).pathname === '/__sandbox/' ? dashboard(request, env, state) : undefined));
  for (const [method, path, handler] of routes) router[method](path, handler);
  // A known path with another method is 405; an unknown one falls through to 404.
  for (const path of new Set(routes.map(([, path]) => path))) router.all(path, notAllowed);
  router.all('/__sandbox/*', () => controlError(404, 'NOT_FOUND', 'No such sandbox route; see sandbox/README.md'));
  return router;
}
