/**
 * Helpers for the Worker's workerd tests under `CINETPAY_API = "2026"`,
 * beside test/worker/support.ts (whose requests, sandbox calls and snapshots
 * they reuse): a 2026 checkout with its customer, the page its `payment_url`
 * opens, notifications as CinetPay's 2026 API sends them, the sandbox's
 * record of each, and a capture of every line the Workers log.
 */

import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { CheckoutRequest } from '../../shared/api/contract';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import { anyCheckout, sandbox, worker } from '../worker/support';

/** The sandbox's public 2026 credentials, which the Worker's `[env.sandbox]` shares. */
export const API_KEY: string = required(env.CINETPAY_2026_API_KEY, 'CINETPAY_2026_API_KEY');
export const API_PASSWORD: string = required(env.CINETPAY_2026_API_PASSWORD, 'CINETPAY_2026_API_PASSWORD');

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is missing from [env.sandbox.vars] in wrangler.toml`);
  return value;
}

export const CUSTOMER = { customerFirstName: 'Awa', customerLastName: 'Koné', customerEmail: 'awa.kone@example.com' } as const;

export interface Checkout2026 {
  readonly transId: string;
  readonly method: 'GET';
  readonly action: string;
}

/** `POST /api/checkout` on 2026, expecting success: the page to navigate to. */
export async function checkout2026(body: CheckoutRequest = { product: 'tshirt-m', ...CUSTOMER }): Promise<Checkout2026> {
  const answer = await anyCheckout(body);
  if (answer.method !== 'GET') throw new Error(`expected a payment_url, got method ${answer.method}`);
  return answer;
}

/** Checkout, then the customer's browser opens the payment_url. */
export async function openOrder(body?: CheckoutRequest): Promise<Checkout2026> {
  const started = await checkout2026(body);
  const page = await fetch(started.action);
  expect(page.status, await page.clone().text()).toBe(200);
  return started;
}

export interface SandboxNotification {
  readonly fields: Readonly<Record<string, string>>;
  readonly status: number | null;
}

/** What the sandbox sent the Worker for this transaction (its notify_token included: the sandbox is CinetPay's side). */
export async function sentNotifications(transId: string): Promise<SandboxNotification[]> {
  return (await sandbox<{ notifications: SandboxNotification[] }>(`/__sandbox/transactions/${transId}`)).notifications;
}

/** `POST /notify` as the 2026 API would: JSON, or a form when `as` says so. */
export function notify2026(fields: Readonly<Record<string, string>>, as: 'json' | 'form' = 'json'): Promise<Response> {
  return worker('/notify', {
    method: 'POST',
    headers: { 'content-type': as === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
    body: as === 'json' ? JSON.stringify(fields) : encodeForm({ ...fields }),
  });
}

/** How many times each 2026 call reached the sandbox since its last reset. */
export async function calls(): Promise<Record<string, number>> {
  return (await sandbox<{ calls: Record<string, number> }>('/__sandbox/stats')).calls;
}

/** Expires every access token the sandbox has issued: the Worker's cached one is now stale. */
export async function expireTokens(): Promise<void> {
  await sandbox('/__sandbox/2026/expire-tokens', { method: 'POST' });
}

export interface Fault2026 {
  readonly method: '2026/login' | '2026/payment' | '2026/status' | '2026/balances';
  readonly fault: 'timeout' | 'http_500' | 'garbage' | 'amount_mismatch' | 'result_flip' | 'expired_token' | 'unauthorized' | 'other_transaction';
  readonly count: number;
  readonly delayMs?: number;
}

export async function armFault2026(spec: Fault2026): Promise<void> {
  await sandbox('/__sandbox/faults', { method: 'POST', body: JSON.stringify(spec) });
}
