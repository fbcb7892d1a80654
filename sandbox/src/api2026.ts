/**
 * The emulation of CinetPay's 2026 API: `POST /v1/oauth/login` (a bearer
 * token with `expires_in`), `POST /v1/payment`, `GET /v1/payment/{id}` and
 * `GET /v1/balances`, JSON both ways. Every call but the login needs a valid
 * bearer token: a bad one answers HTTP 401 INVALID_TOKEN, an old one (its
 * expiry passed, or the control API expired every token) HTTP 401
 * EXPIRED_TOKEN. A payment is checked as CinetPay's SDK documents it (ids of
 * 1-30 characters, an integer amount, the currencies, URLs of at most 120
 * characters, fr/en, a designation, the client's names and email, an E.164
 * phone), then stored like a v2 payment, so that the same hosted page,
 * outcomes, notifications (with the per-order `notify_token`) and faults
 * serve it. Each call first takes an armed fault for its target; beside the
 * transport faults, `expired_token` answers EXPIRED_TOKEN under HTTP 200
 * once, `unauthorized` HTTP 401 once, and the status's record faults alter
 * its answer.
 */

import {
  API2026_CURRENCIES,
  type Api2026BalanceAnswer,
  type Api2026ErrorAnswer,
  type Api2026LoginAnswer,
  type Api2026PaymentAnswer,
  MAX_API2026_URL_LENGTH,
  MAX_MERCHANT_TRANSACTION_ID_LENGTH,
} from '../../shared/cinetpay/api2026-wire';
import { formatTransDate } from '../../shared/cinetpay/dates';
import { PAGE_ACTION, PAYMENT_CONFIG } from '../../shared/cinetpay/wire';
import { isRecord } from '../../shared/is-record';
import { checkAccessToken, issueAccessToken } from './api2026-token';
import { type SandboxConfig, sandboxConfig } from './config';
import { type Api2026Call, apply2026StatusFault, garbageResponse, internalErrorResponse, isRecordFault, sleep } from './faults';
import { apiJson } from './http';
import type { CheckedForm } from './payment-fields';
import type { SandboxStub } from './sandbox-stub';
import type { SignedFields } from './signer';

const MAX_BODY_BYTES = 16_384;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+(\d{3})(\d{6,12})$/;
/** What the sandbox writes in `cpm_version` of a 2026 payment: the hosted page and ledger are shared with v1 and v2. */
const VERSION = '2026';

type Body = Readonly<Record<string, unknown>>;
type Fault = Awaited<ReturnType<SandboxStub['takeFault']>>;

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function apiError(code: number, status: string, message: string, httpStatus = code): Response {
  const body: Api2026ErrorAnswer = { code, status, message };
  return apiJson(body, httpStatus);
}

async function readBody(request: Request): Promise<Body | Response> {
  const text = new TextDecoder().decode(await request.arrayBuffer());
  if (text.length > MAX_BODY_BYTES) return apiError(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${MAX_BODY_BYTES} bytes`);
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : apiError(400, 'INVALID_REQUEST', 'The body must be a JSON object');
  } catch {
    return apiError(400, 'INVALID_REQUEST', 'The body is not valid JSON');
  }
}

function shortHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_API2026_URL_LENGTH || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? value : undefined;
}

function nonEmpty(body: Body, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

async function login(body: Body, config: SandboxConfig, state: SandboxStub): Promise<Response> {
  if (body['api_key'] !== config.api2026Key || body['api_password'] !== config.api2026Password) {
    return apiError(401, 'INVALID_CREDENTIALS', 'api_key or api_password is not the sandbox one (see sandbox/README.md)');
  }
  const answer: Api2026LoginAnswer = {
    code: 200,
    status: 'OK',
    access_token: await issueAccessToken(await state.tokenEpoch(), config.tokenTtlS, config.api2026Password),
    token_type: 'bearer',
    expires_in: config.tokenTtlS,
  };
  return apiJson(answer);
}

/** The payment's values as the shared hosted page and notifications know them, or the error answer. */
function checkPayment(body: Body, config: SandboxConfig): CheckedForm | Response {
  const required = [
    'merchant_transaction_id',
    'currency',
    'success_url',
    'failed_url',
    'notify_url',
    'designation',
    'client_first_name',
    'client_last_name',
    'client_email',
  ];
  const missing = required.filter((name) => nonEmpty(body, name) === undefined);
  if (missing.length > 0 || body['amount'] === undefined) {
    return apiError(400, 'INVALID_REQUEST', `Missing mandatory field(s): ${[...missing, ...(body['amount'] === undefined ? ['amount'] : [])].join(', ')}`);
  }
  const transId = String(body['merchant_transaction_id']);
  if (transId.length > MAX_MERCHANT_TRANSACTION_ID_LENGTH) {
    return apiError(400, 'INVALID_REQUEST', `merchant_transaction_id must have 1 to ${MAX_MERCHANT_TRANSACTION_ID_LENGTH} characters`);
  }
  const amount = body['amount'];
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) return apiError(400, 'INVALID_AMOUNT', 'amount must be an integer > 0');
  const currency = API2026_CURRENCIES.find((known) => known === body['currency']);
  if (!currency) return apiError(400, 'INVALID_CURRENCY', `currency must be one of ${API2026_CURRENCIES.join(', ')}`);
  const lang = body['lang'] ?? 'fr';
  if (lang !== 'fr' && lang !== 'en') return apiError(400, 'INVALID_REQUEST', 'lang must be fr or en');
  const successUrl = shortHttpUrl(body['success_url']);
  const failedUrl = shortHttpUrl(body['failed_url']);
  const notifyUrl = shortHttpUrl(body['notify_url']);
  if (!successUrl || !failedUrl || !notifyUrl) {
    return apiError(400, 'INVALID_URL', `success_url, failed_url and notify_url must be http(s) URLs of at most ${MAX_API2026_URL_LENGTH} characters`);
  }
  if (!EMAIL.test(String(body['client_email']))) return apiError(400, 'INVALID_EMAIL', 'client_email must be an email address');
  const phoneValue = body['client_phone_number'];
  const phone = phoneValue === undefined ? null : E164.exec(String(phoneValue));
  if (phone === undefined || (phoneValue !== undefined && phone === null))
    return apiError(400, 'INVALID_PHONE', 'client_phone_number must be E.164, e.g. +2250707000001');
  const signed: SignedFields = {
    cpm_amount: String(amount),
    cpm_currency: currency,
    cpm_site_id: config.siteId,
    cpm_trans_id: transId,
    cpm_trans_date: formatTransDate(new Date()),
    cpm_payment_config: PAYMENT_CONFIG,
    cpm_page_action: PAGE_ACTION,
    cpm_version: VERSION,
    cpm_language: lang,
    cpm_designation: String(body['designation']),
    cpm_custom: '',
    cel_phone_num: phone?.[2] ?? '',
    cpm_phone_prefix: phone?.[1] ?? '',
  };
  return {
    signed,
    signature: randomHex(32),
    notifyUrl,
    returnUrl: successUrl,
    cancelUrl: failedUrl,
    returnMode: 'NONE',
    api: '2026',
    notifyToken: randomHex(24),
    providerId: `CP${Date.now()}${randomHex(4).toUpperCase()}`,
  };
}

async function payment(request: Request, body: Body, config: SandboxConfig, state: SandboxStub): Promise<Response> {
  const checked = checkPayment(body, config);
  if (checked instanceof Response) return checked;
  const opened = await state.open2026Payment(checked);
  if (!opened.ok) return apiError(409, 'DUPLICATE_TRANSACTION', `The transaction ${checked.signed.cpm_trans_id} already exists and is finished`);
  const answer: Api2026PaymentAnswer = {
    code: 200,
    status: 'OK',
    payment_url: new URL(`/v2/pay/${checked.signature}`, request.url).href,
    payment_token: checked.signature,
    transaction_id: checked.providerId ?? '',
    notify_token: checked.notifyToken ?? '',
  };
  return apiJson(answer);
}

async function status(transId: string, state: SandboxStub, fault: Fault): Promise<Response> {
  const answer = await state.api2026Status(transId);
  if (answer === null) return apiError(404, 'TRANSACTION_NOT_FOUND', 'No 2026 payment has this merchant_transaction_id');
  return apiJson(fault && isRecordFault(fault.fault) ? apply2026StatusFault(answer, fault.fault) : answer);
}

async function balances(state: SandboxStub): Promise<Response> {
  const { solde } = (await state.balance()).user.compte;
  const answer: Api2026BalanceAnswer = { available_balance: Math.floor(Number(solde)), currency: 'XOF' };
  return apiJson(answer);
}

/** One 2026 call: its fault first, then the token (but for the login), then the call itself. */
export async function handleApi2026(request: Request, call: Api2026Call, env: SandboxEnv, state: SandboxStub, transId = ''): Promise<Response> {
  const body = request.method === 'POST' ? await readBody(request) : {};
  const fault = await state.takeFault(call);
  if (fault?.fault === 'timeout') await sleep(fault.delayMs);
  if (fault?.fault === 'http_500') return internalErrorResponse();
  if (fault?.fault === 'garbage') return garbageResponse();
  if (fault?.fault === 'unauthorized') return apiError(401, call === '2026/login' ? 'INVALID_CREDENTIALS' : 'INVALID_TOKEN', 'Refused by an armed fault');
  if (fault?.fault === 'expired_token') return apiError(401, 'EXPIRED_TOKEN', 'The access token has expired (armed fault)', 200);
  if (body instanceof Response) return body;
  const config = sandboxConfig(env);
  if (call === '2026/login') return login(body, config, state);
  const token = await checkAccessToken(request.headers.get('authorization'), await state.tokenEpoch(), config.api2026Password);
  if (token === 'invalid') return apiError(401, 'INVALID_TOKEN', 'Send Authorization: Bearer <access_token> from POST /v1/oauth/login');
  if (token === 'expired') return apiError(401, 'EXPIRED_TOKEN', 'The access token has expired; log in again');
  switch (call) {
    case '2026/payment':
      return payment(request, body, config, state);
    case '2026/status':
      return status(transId, state, fault);
    case '2026/balances':
      return balances(state);
  }
}
