/**
 * The notification of guide section 3.2: which fields CinetPay POSTs to
 * `notify_url` and how one attempt is made. Exactly NOTIFICATION_FIELDS,
 * form-urlencoded by the shared encoder; the outcome itself is never in the
 * body (the merchant must ask `checkPayStatus`). A redirect is not followed
 * and counts as a failure: the guide lists redirects that lose the posted
 * values among the usual integration mistakes. Retries and their schedule
 * belong to the outbox (notification-outbox.ts); this module only sends.
 */

import { encodeForm } from '../../shared/cinetpay/form-encoding';
import type { Notification } from '../../shared/cinetpay/wire';
import { NOTIFY_TIMEOUT_MS } from './config';
import type { StoredTransaction } from './model';

/** How much of the merchant's answer is kept for the dashboard. */
const ANSWER_EXCERPT_CHARS = 200;

/** The 3.2 fields of a transaction's current state, in the guide's order. */
export function notificationFields(tx: StoredTransaction): Notification {
  const signed = tx.form?.signed ?? tx.lastSigned;
  // Written in NOTIFICATION_FIELDS order: the body is encoded in this key order.
  return {
    cpm_trans_id: tx.transId,
    cpm_amount: signed.cpm_amount,
    cpm_currency: signed.cpm_currency,
    cpm_site_id: signed.cpm_site_id,
    cpm_language: signed.cpm_language,
    cpm_version: signed.cpm_version,
    cpm_payment_config: signed.cpm_payment_config,
    cpm_page_action: signed.cpm_page_action,
    cpm_custom: signed.cpm_custom,
    payment_method: tx.paymentMethod ?? '',
    signature: tx.form?.signature ?? tx.lastSignature,
    cel_phone_num: tx.buyerPhone,
    cpm_phone_prefixe: tx.buyerPrefix,
  };
}

export interface SendResult {
  readonly status: number | null;
  readonly error: string | null;
  readonly answer: string;
  readonly durationMs: number;
}

/** True for the answers that end a notification's retries. */
export function delivered(status: number | null): boolean {
  return status !== null && status >= 200 && status <= 299;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.name === 'TimeoutError' || error.name === 'AbortError'
      ? `no answer within ${NOTIFY_TIMEOUT_MS} ms`
      : `${error.name}: ${error.message}`.slice(0, 300);
  }
  return 'network error';
}

/** POSTs the fields once; never throws (a network failure is a result like any other). */
export async function sendNotification(
  url: string,
  fields: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>> = {},
): Promise<SendResult> {
  const started = Date.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'CinetPay-Sandbox/1.0 (+notification)', ...headers },
      body: encodeForm(fields),
      redirect: 'manual',
      signal: AbortSignal.timeout(NOTIFY_TIMEOUT_MS),
    });
    const answer = new TextDecoder().decode(await response.arrayBuffer()).slice(0, ANSWER_EXCERPT_CHARS);
    return { status: response.status, error: null, answer, durationMs: Date.now() - started };
  } catch (error) {
    return { status: null, error: describeError(error), answer: '', durationMs: Date.now() - started };
  }
}

/** The one-line log of an attempt: trans id, attempt, the URL without its query (which may hold a token), the result. */
export function attemptLogLine(transId: string, url: string, attempt: number, maxAttempts: number, result: SendResult): string {
  let shown = url;
  try {
    const parsed = new URL(url);
    shown = `${parsed.origin}${parsed.pathname}`;
  } catch {
    shown = '(invalid url)';
  }
  const outcome = result.status === null ? `error="${result.error ?? ''}"` : `status=${result.status}`;
  return `[sandbox] notify trans_id=${transId} attempt=${attempt}/${maxAttempts} url=${shown} ${outcome} ms=${result.durationMs}`;
}
