/**
 * What the benchmarks do differently on each CinetPay API generation, in one
 * place: the direct call a Worker checkout is compared with
 * (`getSignatureByPost` or `POST /v2/payment`), how the customer reaches the
 * hosted page (the form POST or the payment_url), the notification the storm
 * sends (v1's fields, or v2's with their x-token) and the direct status check
 * it is compared with (`checkPayStatus` or `POST /v2/payment/check`).
 * `BENCH_API=v2 npm run bench` (or `CINETPAY_API=v2`) runs it all on v2.
 */

import { createHmac } from 'node:crypto';
import type { ApiGeneration } from '../scripts/stack';
import type { CheckoutResponse } from '../shared/api/contract';
import { formatTransDate } from '../shared/cinetpay/dates';
import { encodeForm } from '../shared/cinetpay/form-encoding';
import { type V2Notification, X_TOKEN_HEADER, xTokenMessage } from '../shared/cinetpay/v2-wire';
import {
  checkPayStatusDirect,
  freshTransId,
  notificationBody,
  PRODUCT,
  postHostedForm,
  SANDBOX_APIKEY,
  SANDBOX_SITE_ID,
  signatureDirect,
  type Timed,
  timed,
} from './clients';

/** The sandbox's public v2 secret key (sandbox/wrangler.toml), which signs notifications. */
const SANDBOX_SECRET_KEY = 'sandbox-secret-key-not-a-secret';
const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** A notification ready to send: its form body and headers. */
export interface PreparedNotification {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface Generation {
  readonly api: ApiGeneration;
  /** The name of the direct call a checkout is compared with. */
  readonly directCheckoutName: string;
  readonly directCheckName: string;
  /** The sandbox's counter of the Worker's status checks (`/__sandbox/stats`). */
  readonly checkTarget: 'checkPayStatus' | 'payment/check';
  checkoutDirect(sandboxUrl: string): Promise<Timed<boolean>>;
  /** The customer reaches the hosted page; the status of the page's answer. */
  openPaymentPage(order: CheckoutResponse): Promise<Timed<null>>;
  notification(order: CheckoutResponse): PreparedNotification;
  /** The direct status check: true when it reports the order paid. */
  checkDirect(sandboxUrl: string, transId: string): Promise<Timed<boolean>>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const V1: Generation = {
  api: 'v1',
  directCheckoutName: 'getSignatureByPost',
  directCheckName: 'checkPayStatus',
  checkTarget: 'checkPayStatus',
  checkoutDirect: signatureDirect,
  openPaymentPage: (order) => (order.method === 'POST' ? postHostedForm(order.action, order.fields) : timed(order.action, { method: 'GET' }, () => null, null)),
  notification: (order) => ({ body: order.method === 'POST' ? notificationBody(order.fields) : '', headers: {} }),
  async checkDirect(sandboxUrl, transId) {
    const answer = await checkPayStatusDirect(sandboxUrl, transId);
    return { ...answer, value: answer.value === '00' };
  },
};

/** v2's notification of a paid order, as the sandbox builds it, with its x-token. */
function v2Notification(transId: string): PreparedNotification {
  const fields: V2Notification = {
    cpm_site_id: SANDBOX_SITE_ID,
    cpm_trans_id: transId,
    cpm_trans_date: formatTransDate(new Date()),
    cpm_amount: String(PRODUCT.amount),
    cpm_currency: 'XOF',
    signature: '',
    payment_method: 'OM',
    cel_phone_num: '0700000001',
    cpm_phone_prefixe: '225',
    cpm_language: 'fr',
    cpm_version: 'V2',
    cpm_payment_config: 'SINGLE',
    cpm_page_action: 'PAYMENT',
    cpm_custom: '',
    cpm_designation: PRODUCT.designation,
    cpm_error_message: 'SUCCES',
  };
  const token = createHmac('sha256', SANDBOX_SECRET_KEY).update(xTokenMessage(fields)).digest('hex');
  return { body: encodeForm({ ...fields }), headers: { [X_TOKEN_HEADER]: token } };
}

const V2: Generation = {
  api: 'v2',
  directCheckoutName: 'POST /v2/payment',
  directCheckName: 'POST /v2/payment/check',
  checkTarget: 'payment/check',
  checkoutDirect: (sandboxUrl) =>
    timed(
      `${sandboxUrl}/v2/payment`,
      {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({
          apikey: SANDBOX_APIKEY,
          site_id: SANDBOX_SITE_ID,
          transaction_id: freshTransId(),
          amount: PRODUCT.amount,
          currency: 'XOF',
          description: PRODUCT.designation,
          notify_url: 'http://127.0.0.1:9/notify',
          return_url: 'http://127.0.0.1:9/return',
          channels: 'ALL',
          lang: 'fr',
        }),
      },
      (_response, text) => {
        const answer = parseJson(text);
        return typeof answer === 'object' && answer !== null && (answer as Record<string, unknown>)['code'] === '201';
      },
      false,
    ),
  openPaymentPage: (order) => timed(order.action, { method: 'GET' }, () => null, null),
  notification: (order) => v2Notification(order.transId),
  checkDirect: (sandboxUrl, transId) =>
    timed(
      `${sandboxUrl}/v2/payment/check`,
      { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ apikey: SANDBOX_APIKEY, site_id: SANDBOX_SITE_ID, transaction_id: transId }) },
      (_response, text) => {
        const answer = parseJson(text);
        const data = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>)['data'] : undefined;
        return typeof data === 'object' && data !== null && (data as Record<string, unknown>)['status'] === 'ACCEPTED';
      },
      false,
    ),
};

/** The 2026 API is not benchmarked yet (its notifications need the per-order notify_token, which only the sandbox knows): say so rather than measure v1. */
export function generation(api: ApiGeneration): Generation {
  switch (api) {
    case 'v1':
      return V1;
    case 'v2':
      return V2;
    case '2026':
      throw new Error('The benchmarks do not measure the 2026 API yet; run them with CINETPAY_API=v1 or v2');
  }
}
