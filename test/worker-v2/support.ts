/**
 * Helpers for the Worker's workerd tests under `CINETPAY_API = "v2"`, beside
 * test/worker/support.ts (whose requests, sandbox calls and snapshots they
 * reuse): a v2 checkout, the hosted page its `payment_url` opens, and
 * notifications built and signed the way CinetPay signs them.
 */

import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { CheckoutRequest } from '../../shared/api/contract';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import { X_TOKEN_FIELDS } from '../../shared/cinetpay/v2-wire';
import { computeXToken } from '../../worker/src/x-token';
import { anyCheckout, worker } from '../worker/support';

/** The sandbox's public v2 secret key, which the Worker's `[env.sandbox]` shares. */
export const SECRET_KEY: string = sandboxSecretKey(env.CINETPAY_SECRET_KEY);

function sandboxSecretKey(key: string | undefined): string {
  if (!key) throw new Error('CINETPAY_SECRET_KEY is missing from [env.sandbox.vars] in wrangler.toml');
  return key;
}

export interface V2Checkout {
  readonly transId: string;
  readonly method: 'GET';
  readonly action: string;
}

/** `POST /api/checkout` on v2, expecting success: the page to navigate to. */
export async function checkoutV2(body: CheckoutRequest = { product: 'tshirt-m' }): Promise<V2Checkout> {
  const answer = await anyCheckout(body);
  if (answer.method !== 'GET') throw new Error(`expected a v2 payment_url, got method ${answer.method}`);
  return answer;
}

/** What the customer's browser does with a v2 answer: open the payment_url. */
export async function openPaymentPage(started: V2Checkout): Promise<Response> {
  const page = await fetch(started.action);
  expect(page.status, await page.clone().text()).toBe(200);
  return page;
}

/** A v2 notification's fields for `transId`, every x-token field present (values as a forger would choose them). */
export function v2Fields(transId: string, overrides: Record<string, string> = {}): Record<string, string> {
  const fields: Record<string, string> = Object.fromEntries(X_TOKEN_FIELDS.map((name) => [name, '']));
  return {
    ...fields,
    cpm_site_id: '445160',
    cpm_trans_id: transId,
    cpm_trans_date: '2026-11-29 09:00:00',
    cpm_amount: '5000',
    cpm_currency: 'XOF',
    payment_method: 'OM',
    cpm_version: 'V2',
    cpm_payment_config: 'SINGLE',
    cpm_page_action: 'PAYMENT',
    cpm_language: 'fr',
    cpm_designation: 'T-shirt CinetPay (M)',
    cpm_error_message: 'SUCCES',
    ...overrides,
  };
}

/** `POST /notify` with these fields and, when given, this x-token. */
export function notifyV2(fields: Record<string, string>, token?: string): Promise<Response> {
  return worker('/notify', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(token === undefined ? {} : { 'x-token': token }) },
    body: encodeForm(fields),
  });
}

/** The x-token CinetPay would send with these fields. */
export function signed(fields: Record<string, string>): Promise<string> {
  return computeXToken(fields, SECRET_KEY);
}
