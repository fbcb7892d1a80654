/**
 * Fault injection: what a test may arm, how a control body is read into a
 * fault, and what each fault does to an answer. A fault hits the next
 * `count` calls of its target, then the sandbox behaves normally again; the
 * counting itself lives in fault-store.ts so that concurrent calls each take
 * exactly one.
 */

import type { Api2026StatusAnswer } from '../../shared/cinetpay/api2026-wire';
import type { V2CheckAnswer } from '../../shared/cinetpay/v2-wire';
import { API_METHODS, type TransactionRecord } from '../../shared/cinetpay/wire';
import { isRecord } from '../../shared/is-record';
import { err, ok, type Result } from '../../shared/result';
import { CHAT_CHANNELS } from './model';

/** v2's calls, named by their path under `/v2/`. */
export const V2_CALLS = ['payment', 'payment/check'] as const;
export type V2Call = (typeof V2_CALLS)[number];

/** The 2026 API's calls: login, payment, a payment's status, balances. */
export const API2026_CALLS = ['2026/login', '2026/payment', '2026/status', '2026/balances'] as const;
export type Api2026Call = (typeof API2026_CALLS)[number];

/** The four v1 API methods, v2's two calls, the 2026 API's four, and the local receivers: the webhook, and one per chat service. */
export const FAULT_TARGETS = [...API_METHODS, ...V2_CALLS, ...API2026_CALLS, 'webhook', ...CHAT_CHANNELS] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

export const FAULT_KINDS = [
  'timeout',
  'http_500',
  'garbage',
  'amount_mismatch',
  'signature_mismatch',
  'result_flip',
  'expired_token',
  'unauthorized',
  'other_transaction',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Faults that change what `checkPayStatus` reports rather than how it answers. */
const RECORD_FAULTS: readonly FaultKind[] = ['amount_mismatch', 'signature_mismatch', 'result_flip', 'other_transaction'];
/** What a receiver (the webhook's, a chat service's) can be made to do: be slow, or be down. */
const RECEIVER_FAULTS: readonly FaultKind[] = ['timeout', 'http_500'];
const RECEIVERS: readonly FaultTarget[] = ['webhook', ...CHAT_CHANNELS];

/** What the timeout fault waits by default: longer than any sensible client timeout. */
export const DEFAULT_FAULT_DELAY_MS = 30_000;
export const MAX_FAULT_COUNT = 1_000;
export const MAX_FAULT_DELAY_MS = 600_000;

export interface FaultSpec {
  readonly target: FaultTarget;
  readonly fault: FaultKind;
  readonly count: number;
  readonly delayMs: number;
}

/** Why a fault cannot hit a target, or `undefined` when it can. */
function targetProblem(target: FaultTarget, fault: FaultKind): string | undefined {
  if (fault === 'other_transaction') return target === '2026/status' ? undefined : 'The fault other_transaction only applies to 2026/status';
  if (fault === 'expired_token') {
    return API2026_CALLS.some((call) => call === target) && target !== '2026/login'
      ? undefined
      : 'The fault expired_token only applies to 2026/payment, 2026/status and 2026/balances';
  }
  if (fault === 'unauthorized') return API2026_CALLS.some((call) => call === target) ? undefined : 'The fault unauthorized only applies to the 2026 calls';
  if (!RECORD_FAULTS.includes(fault)) return undefined;
  if (target === 'checkPayStatus') return undefined;
  if ((target === 'payment/check' || target === '2026/status') && fault !== 'signature_mismatch') return undefined;
  return `The fault ${fault} only applies to checkPayStatus${fault === 'signature_mismatch' ? '' : ', payment/check and 2026/status'}`;
}

function integerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Reads `{"method"|"target", "fault", "count", "delayMs"?}`. `count` defaults
 * to 1; `delayMs` (timeout only) to 30 000. The reason names the field and
 * what it should hold.
 */
export function parseFaultSpec(body: unknown): Result<FaultSpec, string> {
  if (!isRecord(body)) return err('Expected a JSON object {"method","fault","count"}');
  const targetValue = body['method'] ?? body['target'];
  if (body['method'] !== undefined && body['target'] !== undefined) return err('Give "method" or "target", not both');
  const target = FAULT_TARGETS.find((name) => name === targetValue);
  if (target === undefined) return err(`Invalid method: expected one of ${FAULT_TARGETS.join(', ')}`);
  const fault = FAULT_KINDS.find((name) => name === body['fault']);
  if (fault === undefined) return err(`Invalid fault: expected one of ${FAULT_KINDS.join(', ')}`);
  const problem = targetProblem(target, fault);
  if (problem) return err(problem);
  if (RECEIVERS.includes(target) && !RECEIVER_FAULTS.includes(fault)) return err(`The ${target} receiver only takes the faults ${RECEIVER_FAULTS.join(', ')}`);
  const count = body['count'] ?? 1;
  if (!integerIn(count, 1, MAX_FAULT_COUNT)) return err(`Invalid count: expected an integer from 1 to ${MAX_FAULT_COUNT}`);
  const delayMs = body['delayMs'] ?? DEFAULT_FAULT_DELAY_MS;
  if (!integerIn(delayMs, 0, MAX_FAULT_DELAY_MS)) return err(`Invalid delayMs: expected an integer from 0 to ${MAX_FAULT_DELAY_MS}`);
  return ok({ target, fault, count, delayMs });
}

/** True for the faults that alter a `checkPayStatus` record. */
export function isRecordFault(fault: FaultKind): boolean {
  return RECORD_FAULTS.includes(fault);
}

function nextHexDigit(signature: string): string {
  const last = signature.slice(-1);
  const digit = Number.parseInt(last, 16);
  return Number.isNaN(digit) ? `${signature.slice(0, -1)}0` : `${signature.slice(0, -1)}${((digit + 1) % 16).toString(16)}`;
}

/**
 * What a record fault makes `checkPayStatus` report:
 * - `amount_mismatch`: `cpm_amount` one franc less than the payment's;
 * - `signature_mismatch`: the issued signature with its last hex digit changed;
 * - `result_flip`: a paid transaction (`00`) reported as refused, 600 PAYMENT_FAILED.
 */
export function applyRecordFault(record: TransactionRecord, fault: FaultKind): TransactionRecord {
  switch (fault) {
    case 'amount_mismatch':
      return { ...record, cpm_amount: String(Math.max(0, Number(record.cpm_amount) - 1)) };
    case 'signature_mismatch':
      return { ...record, signature: nextHexDigit(record.signature) };
    case 'result_flip':
      return record.cpm_result === '00' ? { ...record, cpm_result: '600', cpm_error_message: 'PAYMENT_FAILED', cpm_trans_status: 'REFUSED' } : record;
    case 'timeout':
    case 'http_500':
    case 'garbage':
    case 'expired_token':
    case 'unauthorized':
    case 'other_transaction':
      return record;
  }
}

/**
 * What a record fault makes v2's `payment/check` report: `amount_mismatch`
 * one franc less; `result_flip` an ACCEPTED payment as REFUSED, 600.
 */
export function applyV2CheckFault(answer: V2CheckAnswer, fault: FaultKind): V2CheckAnswer {
  switch (fault) {
    case 'amount_mismatch':
      return { ...answer, data: { ...answer.data, amount: String(Math.max(0, Number(answer.data.amount) - 1)) } };
    case 'result_flip':
      return answer.data.status === 'ACCEPTED' ? { ...answer, code: '600', message: 'PAYMENT_FAILED', data: { ...answer.data, status: 'REFUSED' } } : answer;
    case 'signature_mismatch':
    case 'timeout':
    case 'http_500':
    case 'garbage':
    case 'expired_token':
    case 'unauthorized':
    case 'other_transaction':
      return answer;
  }
}

/**
 * What a record fault makes the 2026 status report: `amount_mismatch` one
 * franc less; `result_flip` a SUCCESS as FAILED; `other_transaction` another
 * CinetPay transaction id than the one the payment got.
 */
export function apply2026StatusFault(answer: Api2026StatusAnswer, fault: FaultKind): Api2026StatusAnswer {
  switch (fault) {
    case 'amount_mismatch':
      return { ...answer, amount: answer.amount === null ? null : Math.max(0, answer.amount - 1) };
    case 'result_flip':
      return answer.status === 'SUCCESS' ? { ...answer, status: 'FAILED', code: '104' } : answer;
    case 'other_transaction':
      return { ...answer, transaction_id: `${answer.transaction_id}-other` };
    default:
      return answer;
  }
}

/** `http_500` on an API method: what a crashed PHP front answers. */
export function internalErrorResponse(): Response {
  return new Response('<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>', {
    status: 500,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}

/** `garbage`: a 200 whose body is an HTML page, not the JSON the guide promises (a proxy's maintenance page). */
export function garbageResponse(): Response {
  return new Response(
    '<!DOCTYPE html><html><head><title>Maintenance</title></head><body><p>Service en maintenance. Merci de réessayer plus tard.</p></body></html>',
    {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    },
  );
}

/** Waits `ms` milliseconds: the `timeout` fault. */
export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
