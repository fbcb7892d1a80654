/**
 * The CinetPay checkout API v2 emulation: `POST /v2/payment` and
 * `POST /v2/payment/check`, JSON both ways. A payment is checked as v2
 * documents it (mandatory fields 608, apikey 609, site id 613, amount an
 * integer multiple of 5 at least 100: 611 / 641, currency 612, language 615,
 * a description without `# / $ _ &` and http(s) URLs: 606), then stored like
 * a v1 payment whose form was posted, so that the same hosted page, outcomes,
 * notifications (v2-shaped, signed with `x-token`) and faults serve both.
 * Errors answer an HTTP error status with `{code, message, description,
 * api_response_id}`. Each call first takes an armed fault for its target.
 */

import { validateTransId } from '../../shared/api/trans-id';
import { formatTransDate } from '../../shared/cinetpay/dates';
import { responseCode } from '../../shared/cinetpay/response-codes';
import { V2_CHANNELS, V2_CURRENCIES, V2_DESCRIPTION_FORBIDDEN, type V2ErrorAnswer, type V2PaymentCreated } from '../../shared/cinetpay/v2-wire';
import { PAGE_ACTION, PAYMENT_CONFIG } from '../../shared/cinetpay/wire';
import { isRecord } from '../../shared/is-record';
import { type SandboxConfig, sandboxConfig } from './config';
import { applyV2CheckFault, garbageResponse, internalErrorResponse, isRecordFault, sleep, type V2Call } from './faults';
import { apiJson } from './http';
import type { CheckedForm } from './payment-fields';
import type { SandboxStub } from './sandbox-stub';
import type { SignedFields } from './signer';

const MAX_BODY_BYTES = 16_384;
const MIN_V2_AMOUNT = 100;
const V2_AMOUNT_STEP = 5;
/** What the sandbox writes in `cpm_version` of a v2 payment: the hosted page and notification fields are shared with v1. */
const V2_VERSION = 'V2';

type Body = Readonly<Record<string, unknown>>;

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A v2 error answer: CinetPay's code, its name, a description for the developer; never the key that was sent. */
function v2Error(code: string, description: string, httpStatus = 400): Response {
  const body: V2ErrorAnswer = { code, message: responseCode(code)?.message ?? 'UNKNOWN_ERROR', description, api_response_id: randomHex(8) };
  return apiJson(body, httpStatus);
}

async function readBody(request: Request): Promise<Body | Response> {
  const text = new TextDecoder().decode(await request.arrayBuffer());
  if (text.length > MAX_BODY_BYTES) return v2Error('608', `The body is larger than ${MAX_BODY_BYTES} bytes`, 413);
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : v2Error('608', 'The body must be a JSON object');
  } catch {
    return v2Error('608', 'The body is not valid JSON');
  }
}

function present(body: Body, name: string): boolean {
  const value = body[name];
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
}

/** 608, 609, 613: what every v2 call checks first. */
function credentials(body: Body, required: readonly string[], config: SandboxConfig): Response | undefined {
  const missing = required.filter((name) => !present(body, name));
  if (missing.length > 0) return v2Error('608', `Missing mandatory field${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  if (body['apikey'] !== config.apikey) return v2Error('609', 'apikey is not the sandbox apikey (see sandbox/README.md)', 403);
  if (String(body['site_id']) !== config.siteId) return v2Error('613', `site_id is not the sandbox site id ${config.siteId}`, 403);
  return undefined;
}

function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/** `+2250707000001` -> `225` and `0707000001`: the sandbox's countries all have three-digit calling codes. */
function splitPhone(value: unknown): { readonly prefix: string; readonly number: string } | undefined {
  const match = typeof value === 'string' ? /^\+?(\d{3})(\d{6,12})$/.exec(value.replace(/\s/g, '')) : null;
  return match ? { prefix: match[1] ?? '', number: match[2] ?? '' } : undefined;
}

const PAYMENT_REQUIRED = ['apikey', 'site_id', 'transaction_id', 'amount', 'currency', 'description', 'notify_url', 'return_url', 'channels'];

/** The payment's values as the shared hosted page and notifications know them, or the v2 error answer. */
function checkPayment(body: Body, config: SandboxConfig): CheckedForm | Response {
  const refused = credentials(body, PAYMENT_REQUIRED, config);
  if (refused) return refused;
  const transId = validateTransId(String(body['transaction_id']));
  if (!transId.ok) return v2Error('608', transId.error.message);
  const amount = body['amount'];
  const value = typeof amount === 'number' ? amount : typeof amount === 'string' && /^\d+$/.test(amount) ? Number(amount) : Number.NaN;
  if (!Number.isInteger(value) || value % V2_AMOUNT_STEP !== 0) return v2Error('611', `amount must be an integer multiple of ${V2_AMOUNT_STEP}`);
  if (value < MIN_V2_AMOUNT) return v2Error('641', `amount must be at least ${MIN_V2_AMOUNT}`);
  const currency = V2_CURRENCIES.find((known) => known === body['currency']);
  if (!currency) return v2Error('612', `currency must be one of ${V2_CURRENCIES.join(', ')}`);
  if (!V2_CHANNELS.some((channel) => channel === body['channels'])) return v2Error('608', `channels must be one of ${V2_CHANNELS.join(', ')}`);
  const lang = body['lang'] ?? 'fr';
  if (lang !== 'fr' && lang !== 'en') return v2Error('615', 'lang must be fr or en');
  const description = String(body['description']);
  if (V2_DESCRIPTION_FORBIDDEN.test(description)) return v2Error('608', 'description must not contain # / $ _ &');
  const notifyUrl = httpUrl(body['notify_url']);
  const returnUrl = httpUrl(body['return_url']);
  if (!notifyUrl || !returnUrl) return v2Error('606', 'notify_url and return_url must be absolute http(s) URLs');
  const locked = body['lock_phone_number'] === true;
  const phone = locked ? splitPhone(body['customer_phone_number']) : undefined;
  if (locked && !phone) return v2Error('636', 'customer_phone_number must be +, the country code and the number, with lock_phone_number');
  const signed: SignedFields = {
    cpm_amount: String(value),
    cpm_currency: currency,
    cpm_site_id: config.siteId,
    cpm_trans_id: transId.value,
    cpm_trans_date: formatTransDate(new Date()),
    cpm_payment_config: PAYMENT_CONFIG,
    cpm_page_action: PAGE_ACTION,
    cpm_version: V2_VERSION,
    cpm_language: lang,
    cpm_designation: description,
    cpm_custom: typeof body['metadata'] === 'string' ? body['metadata'] : '',
    cel_phone_num: phone?.number ?? '',
    cpm_phone_prefix: phone?.prefix ?? '',
  };
  return { signed, signature: randomHex(32), notifyUrl, returnUrl, cancelUrl: null, returnMode: 'POST', api: 'v2' };
}

async function payment(request: Request, body: Body, env: SandboxEnv, state: SandboxStub): Promise<Response> {
  const checked = checkPayment(body, sandboxConfig(env));
  if (checked instanceof Response) return checked;
  const opened = await state.openV2Payment(checked);
  if (!opened.ok) return v2Error('620', `The transaction ${checked.signed.cpm_trans_id} is already finished`, 409);
  const created: V2PaymentCreated = {
    code: '201',
    message: 'CREATED',
    description: 'Transaction created with success',
    data: { payment_token: checked.signature, payment_url: new URL(`/v2/pay/${checked.signature}`, request.url).href },
    api_response_id: randomHex(8),
  };
  return apiJson(created);
}

async function check(body: Body, env: SandboxEnv, state: SandboxStub, fault: Awaited<ReturnType<SandboxStub['takeFault']>>): Promise<Response> {
  const refused = credentials(body, ['apikey', 'site_id', 'transaction_id'], sandboxConfig(env));
  if (refused) return refused;
  const answer = await state.v2Check(String(body['transaction_id']), randomHex(8));
  if (answer === null) return v2Error('624', 'No checkout v2 transaction has this transaction_id', 404);
  return apiJson(fault && isRecordFault(fault.fault) ? applyV2CheckFault(answer, fault.fault) : answer);
}

/** `POST /v2/payment` and `POST /v2/payment/check`. */
export async function handleV2Api(request: Request, call: V2Call, env: SandboxEnv, state: SandboxStub): Promise<Response> {
  const body = await readBody(request);
  const fault = await state.takeFault(call);
  if (fault?.fault === 'timeout') await sleep(fault.delayMs);
  if (fault?.fault === 'http_500') return internalErrorResponse();
  if (fault?.fault === 'garbage') return garbageResponse();
  if (body instanceof Response) return body;
  return call === 'payment' ? payment(request, body, env, state) : check(body, env, state, fault);
}
